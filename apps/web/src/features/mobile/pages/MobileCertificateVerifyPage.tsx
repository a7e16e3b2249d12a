import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { MobileCertificateVerifyView } from '@xianfeng/contracts/mobile/mobile.schemas';

const stateText: Record<MobileCertificateVerifyView['state'], string> = {
  valid: '',
  void: '本活动证已失效：持证人已返回、已转移组织关系，或已不在册',
  invalid: '无法核验：活动证不是本平台开具，或已被改动',
};
const cnDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

type Load = { kind: 'loading' } | { kind: 'done'; v: MobileCertificateVerifyView } | { kind: 'error' };

/**
 * The public check of a 流动党员活动证 (/verify/mobile/:token), opened by scanning the card's QR code — for the
 * inflow organisation receiving the holder. No login and no UI library (its own small chunk), like the
 * 电子活动证 check. Mounted in main.tsx next to /verify/:token.
 */
export default function MobileCertificateVerifyPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetch(`/api/mobile/certificates/verify?token=${encodeURIComponent(token)}`, { signal: ctl.signal, credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        setLoad({ kind: 'done', v: (await res.json()) as MobileCertificateVerifyView });
      })
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setLoad({ kind: 'error' });
      });
    return () => ctl.abort();
  }, [token]);

  const v = load.kind === 'done' ? load.v : null;
  const rows: [string, string | null][] = v ? [['编号', v.certificateNo], ['姓名', v.memberName], ['流出党组织', v.outflowOrgName], ['外出地点', v.destination], ['发证日期', v.issuedOn && cnDate(v.issuedOn)]] : [];
  return (
    <main style={{ maxWidth: 520, margin: '0 auto', padding: 16, fontFamily: 'system-ui, "PingFang SC", "Noto Sans SC", sans-serif', color: '#222' }}>
      <header style={{ background: '#c8161d', color: '#fff', borderBottom: '3px solid #f5d36b', borderRadius: '12px 12px 0 0', padding: '16px 8px', textAlign: 'center' }}>
        <h1 style={{ margin: 0, fontSize: 21, letterSpacing: 1 }}>流动党员活动证核验</h1>
      </header>
      <section style={{ background: '#fff', borderRadius: '0 0 12px 12px', boxShadow: '0 2px 10px rgba(0,0,0,.08)', padding: 20, textAlign: 'center' }} aria-live="polite">
        {load.kind === 'loading' && <p style={{ fontSize: 20 }}>正在核验…</p>}
        {load.kind === 'error' && <p style={{ fontSize: 20 }}>网络连接失败，请稍后重试</p>}
        {v && (
          <>
            <div data-testid="verify-result" data-valid={v.valid} style={{ fontSize: 64, fontWeight: 800, color: v.valid ? '#1a7f37' : '#c8161d', lineHeight: 1.2, margin: '8px 0' }}>
              {v.valid ? '有效' : '无效'}
            </div>
            {v.valid ? (
              <dl style={{ textAlign: 'left', fontSize: 18, margin: '16px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '10px 16px' }}>
                {rows.map(([k, val]) => [
                  <dt key={`${k}-t`} style={{ color: '#666' }}>
                    {k}
                  </dt>,
                  <dd key={`${k}-d`} style={{ margin: 0 }}>
                    {val ?? '—'}
                  </dd>,
                ])}
              </dl>
            ) : (
              <p style={{ fontSize: 18, color: '#444' }}>{stateText[v.state]}</p>
            )}
            {v.valid && <p style={{ fontSize: 15, color: '#555', textAlign: 'left', marginTop: 16 }}>持证人可在流入地党组织参加组织生活、交纳党费，没有表决权、选举权和被选举权。</p>}
          </>
        )}
      </section>
      <p style={{ color: '#888', fontSize: 14, textAlign: 'center', marginTop: 16 }}>本页由先锋智慧党建平台提供，凭 SM2 数字签名核验真伪；姓名已部分隐去。</p>
    </main>
  );
}
