import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import type { certificateVerifyView } from '@xianfeng/contracts/report-in/report-in.schemas';

type View = z.infer<typeof certificateVerifyView>;
type Load = { kind: 'loading' } | { kind: 'done'; v: View } | { kind: 'error' };

const stateText: Record<View['state'], string> = {
  pending: '有效：单位已登记，等待社区确认报到',
  confirmed: '有效：社区已确认报到',
  void: '本报到证已失效：社区已退回，或报到已结束',
  invalid: '无法核验：报到证不是本平台开具，或已被改动',
};
const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The public check of a 在职党员报到证 (/m/report-in/verify/:token), opened by scanning the QR on the paper: the
 * community worker sees at once whether it is genuine and still open. No login; the name is partly hidden.
 */
export function ReportInVerifyPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetch(`/api/report-in/certificates/verify?token=${encodeURIComponent(token)}`, { signal: ctl.signal, credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        setLoad({ kind: 'done', v: (await res.json()) as View });
      })
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setLoad({ kind: 'error' });
      });
    return () => ctl.abort();
  }, [token]);
  const v = load.kind === 'done' ? load.v : null;
  const rows: [string, string | null][] = v
    ? [
        ['编号', v.certificateNo],
        ['姓名', v.name],
        ['工作单位', v.unitName],
        ['报到社区', v.communityName],
        ['登记日期', v.registeredOn && cn(v.registeredOn)],
        ['确认日期', v.confirmedOn && cn(v.confirmedOn)],
      ]
    : [];
  return (
    <main style={{ maxWidth: 520, margin: '0 auto', padding: 16, fontFamily: 'system-ui, "PingFang SC", "Noto Sans SC", sans-serif', color: '#222' }}>
      <header style={{ background: '#c8161d', color: '#fff', borderBottom: '3px solid #f5d36b', borderRadius: '12px 12px 0 0', padding: '16px 8px', textAlign: 'center' }}>
        <h1 style={{ margin: 0, fontSize: 21, letterSpacing: 1 }}>在职党员报到证核验</h1>
      </header>
      <section style={{ background: '#fff', borderRadius: '0 0 12px 12px', boxShadow: '0 2px 10px rgba(0,0,0,.08)', padding: 20, textAlign: 'center' }} aria-live="polite">
        {load.kind === 'loading' && <p style={{ fontSize: 20 }}>正在核验…</p>}
        {load.kind === 'error' && <p style={{ fontSize: 20 }}>网络连接失败，请稍后重试</p>}
        {v && (
          <>
            <div data-testid="verify-result" data-valid={v.valid} style={{ fontSize: 64, fontWeight: 800, color: v.valid ? '#1a7f37' : '#c8161d', lineHeight: 1.2, margin: '8px 0' }}>
              {v.valid ? '有效' : '无效'}
            </div>
            <p style={{ fontSize: 18, color: '#444' }}>{stateText[v.state]}</p>
            {v.valid && (
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
            )}
          </>
        )}
      </section>
      <p style={{ color: '#888', fontSize: 14, textAlign: 'center', marginTop: 16 }}>本页由先锋智慧党建平台提供，凭 SM2 数字签名核验真伪。</p>
    </main>
  );
}
