import { useParams } from 'react-router';
import { Alert, Card, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { getCheckInToken, getMeeting, lifeKeys } from '../api';

const hm = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * /admin/meetings/:id/venue — the screen at the venue: a QR code that changes every 30 seconds (a photo
 * sent home stops working), the check-in window, and the live count of who has checked in.
 */
export function MeetingVenuePage() {
  const id = useParams().id!;
  const meeting = useQuery({ queryKey: lifeKeys.meeting(id), queryFn: () => getMeeting(id), refetchInterval: 5_000 });
  const token = useQuery({ queryKey: lifeKeys.token(id), queryFn: () => getCheckInToken(id), refetchInterval: 25_000 });
  const m = meeting.data;
  return (
    <div style={{ display: 'grid', gap: 16, justifyItems: 'center', textAlign: 'center' }}>
      {m && (
        <>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {m.title}
          </Typography.Title>
          <Typography.Text style={{ fontSize: 18 }}>
            {m.orgName} · {m.typeLabel} · {hm(m.startsAt)} · {m.place}
          </Typography.Text>
        </>
      )}
      {token.isError && <Alert type="error" showIcon title="无法生成签到二维码" description={errorMessage(token.error)} />}
      {token.data && (
        <Card>
          <img src={token.data.qrDataUrl} alt="签到二维码" data-testid="venue-qr" data-url={token.data.url} width={360} height={360} />
          <Typography.Paragraph style={{ fontSize: 18, margin: '8px 0 0' }}>请用手机扫码签到</Typography.Paragraph>
          <Typography.Text type="secondary">
            签到时间 {hm(token.data.opensAt)}–{hm(token.data.closesAt)} · 二维码每 30 秒更换
          </Typography.Text>
        </Card>
      )}
      {m && (
        <Statistic title="已签到 / 应到" value={m.counts.present + m.counts.online} suffix={`/ ${m.counts.expected}`} data-testid="venue-count" />
      )}
    </div>
  );
}
