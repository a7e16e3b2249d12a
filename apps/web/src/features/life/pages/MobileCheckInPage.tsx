import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, DotLoading, NavBar, Result } from 'antd-mobile';
import { errorMessage } from '@/lib/http';
import { checkInWithToken, meetingOfToken, type CheckIn } from '../api';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333' }}>{text}</span>;
const hm = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * /m/check-in?token= — what the phone camera opens from the venue QR. One big answer, nothing to tap:
 * checked in (with the time), or why not in plain words. A logged-out member logs in and comes back here.
 */
export function MobileCheckInPage() {
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const meetingId = meetingOfToken(token);
  const [result, setResult] = useState<{ ok: CheckIn } | { error: string } | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !meetingId) return;
    sent.current = true;
    checkInWithToken(meetingId, token).then(
      (ok) => setResult({ ok }),
      (err: unknown) => setResult({ error: errorMessage(err) }),
    );
  }, [meetingId, token]);

  let body;
  if (!meetingId) body = <Result status="error" title="二维码无法识别" description={say('请扫描会场屏幕上的签到二维码。')} />;
  else if (!result)
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在签到<DotLoading />
      </div>
    );
  else if ('ok' in result) body = <Result status="success" title="签到成功" description={say(`签到时间 ${hm(result.ok.checkedInAt)}`)} data-testid="check-in-ok" />;
  else body = <Result status="warning" title="没有签到成功" description={say(result.error)} data-testid="check-in-failed" />;
  return (
    <div>
      <NavBar back={null} style={{ '--height': '56px', fontSize: 20 }}>
        会议签到
      </NavBar>
      {body}
      <div style={{ padding: 16 }}>
        <Button block size="large" onClick={() => void navigate('/m')}>
          返回首页
        </Button>
      </div>
    </div>
  );
}
