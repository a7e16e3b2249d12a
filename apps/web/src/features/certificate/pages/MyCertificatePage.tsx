import type { ReactNode } from 'react';
import { Button, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import { errorMessage } from '@/lib/http';
import { useMe } from '../../auth/api';
import { certificateKeys, getCertificate } from '../api';
import '../certificate.css';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;
const cnDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
/** The business date (Asia/Shanghai) of an instant. */
const shanghaiDay = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));

/** 电子活动证 (H5): the member's own card with the QR code that anyone can scan to check it; PDF download. */
export function MyCertificatePage() {
  const navigate = useNavigate();
  const me = useMe();
  const memberId = me.data?.memberId ?? null;
  const cert = useQuery({ queryKey: certificateKeys.mine(memberId ?? ''), queryFn: () => getCertificate(memberId!), enabled: !!memberId, staleTime: 10 * 60_000 });

  let body: ReactNode;
  if (me.isPending || (memberId && cert.isPending)) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (me.isError) {
    body = <ErrorBlock status="default" title="无法加载" description={say(errorMessage(me.error))} />;
  } else if (!memberId) {
    body = <ErrorBlock status="empty" title="这个账号没有党员档案" description={say('电子活动证只为党员签发。')} />;
  } else if (cert.isError) {
    body = <ErrorBlock status="default" title="活动证暂时打不开" description={say(errorMessage(cert.error))} />;
  } else if (cert.data) {
    const c = cert.data;
    body = (
      <>
        <section className="xfc-card" aria-label="党员电子活动证">
          <div className="xfc-head">
            <h2>中国共产党党员电子活动证</h2>
            <small>ELECTRONIC PARTY MEMBER ACTIVITY CERTIFICATE</small>
          </div>
          <div className="xfc-body">
            <div className="xfc-top">
              <div className="xfc-photo" aria-hidden="true">
                照片
              </div>
              <div>
                <div className="xfc-label">姓名</div>
                <h3 className="xfc-name" data-testid="cert-name">
                  {c.name}
                </h3>
                <span className="xfc-tag">{memberStatusLabels[c.status]}</span>
                <div className="xfc-label">入党日期</div>
                <div className="xfc-value">{cnDate(c.joinedOn)}</div>
              </div>
            </div>
            <div className="xfc-label">所在党组织</div>
            <div className="xfc-value">{c.orgName}</div>
            <div className="xfc-label">身份证号</div>
            <div className="xfc-value">{c.idNumber}</div>
            <div className="xfc-label">签发日期 / 有效期至</div>
            <div className="xfc-value">
              {cnDate(shanghaiDay(c.issuedAt))} / {cnDate(shanghaiDay(c.expiresAt))}
            </div>
            <div className="xfc-qr">
              <img src={c.qrDataUrl} alt="核验二维码：扫码可核验本活动证的真伪" data-testid="cert-qr" />
              <div className="xfc-label">扫码核验真伪</div>
            </div>
          </div>
        </section>
        <div className="xfc-actions">
          <Button block color="danger" size="large" onClick={() => void window.open(c.pdfUrl, '_blank', 'noopener')}>
            下载 PDF
          </Button>
        </div>
      </>
    );
  }

  return (
    <div>
      <NavBar back="返回" onBack={() => void navigate('/m')} style={{ '--height': '56px', fontSize: 20, background: '#fff' }}>
        电子活动证
      </NavBar>
      {body}
    </div>
  );
}
