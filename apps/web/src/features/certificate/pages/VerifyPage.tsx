import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { CertificateVerifyView } from '@xianfeng/contracts/certificate/certificate.schemas';

const statusText = { full: '正式党员', probationary: '预备党员' } as const;
const stateText: Record<CertificateVerifyView['state'], string> = {
  active: '',
  left: '该党员已不在册，本活动证已失效',
  suspended: '该党员已停止党籍，本活动证已失效',
  expired: '本活动证已过有效期，请党员重新出示',
  invalid: '无法核验：活动证不是本平台签发，或已被改动',
};
const cnDate = (instant: string) => {
  const d = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

type Load = { kind: 'loading' } | { kind: 'done'; v: CertificateVerifyView } | { kind: 'error' };

/**
 * The public check of a 党员电子活动证 (/verify/:token), opened by scanning the QR code. No login, no UI library:
 * plain fetch and inline styles, so the chunk stays small. Anything forged or altered reads as 无效.
 */
export default function VerifyPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetch(`/api/certificates/verify?token=${encodeURIComponent(token)}`, { signal: ctl.signal, credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        setLoad({ kind: 'done', v: (await res.json()) as CertificateVerifyView });
      })
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setLoad({ kind: 'error' });
      });
    return () => ctl.abort();
  }, [token]);

  const v = load.kind === 'done' ? load.v : null;
  const colour = v?.valid ? '#1a7f37' : '#c8161d';
  return (
    <main style={{ maxWidth: 520, margin: '0 auto', padding: 16, fontFamily: 'system-ui, "PingFang SC", "Noto Sans SC", sans-serif', color: '#222' }}>
      <header style={{ background: '#c8161d', color: '#fff', borderBottom: '3px solid #f5d36b', borderRadius: '12px 12px 0 0', padding: '16px 8px', textAlign: 'center' }}>
        <h1 style={{ margin: 0, fontSize: 21, letterSpacing: 1 }}>党员电子活动证核验</h1>
      </header>
      <section style={{ background: '#fff', borderRadius: '0 0 12px 12px', boxShadow: '0 2px 10px rgba(0,0,0,.08)', padding: 20, textAlign: 'center' }} aria-live="polite">
        {load.kind === 'loading' && <p style={{ fontSize: 20 }}>正在核验…</p>}
        {load.kind === 'error' && <p style={{ fontSize: 20 }}>网络连接失败，请稍后重试</p>}
        {v && (
          <>
            <div data-testid="verify-result" data-valid={v.valid} style={{ fontSize: 64, fontWeight: 800, color: colour, lineHeight: 1.2, margin: '8px 0' }}>
              {v.valid ? '有效' : '无效'}
            </div>
            {v.valid ? (
              <dl style={{ textAlign: 'left', fontSize: 18, margin: '16px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '10px 16px' }}>
                <dt style={{ color: '#666' }}>姓名</dt>
                <dd style={{ margin: 0 }}>{v.name}</dd>
                <dt style={{ color: '#666' }}>所在党组织</dt>
                <dd style={{ margin: 0 }}>{v.org}</dd>
                <dt style={{ color: '#666' }}>党员类型</dt>
                <dd style={{ margin: 0 }}>{v.status ? statusText[v.status] : ''}</dd>
                <dt style={{ color: '#666' }}>签发日期</dt>
                <dd style={{ margin: 0 }}>{v.issuedAt ? cnDate(v.issuedAt) : ''}</dd>
              </dl>
            ) : (
              <p style={{ fontSize: 18, color: '#444' }}>{stateText[v.state]}</p>
            )}
          </>
        )}
      </section>
      <p style={{ color: '#888', fontSize: 14, textAlign: 'center', marginTop: 16 }}>本页由先锋智慧党建平台提供，凭 SM2 数字签名核验真伪；姓名已部分隐去。</p>
    </main>
  );
}
