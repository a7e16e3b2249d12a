import { useNavigate } from 'react-router';
import { DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { reportInStatusLabels, serviceStatusLabels } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { getMine, reportInKeys, type ReportInMineView } from '../../api';
import { MenuSection } from '../../components/mobile/MenuSection';
import { SelfEvaluation } from '../../components/mobile/SelfEvaluation';
import { ServiceForm } from '../../components/mobile/ServiceForm';
import { m, statusStyle } from '../../components/mobile/styles';

type Mine = ReportInMineView['items'][number];
const hoursText = (min: number) => `${Math.round((min / 60) * 10) / 10} 小时`;

function Registration({ r, refresh }: { r: Mine; refresh: () => void }) {
  return (
    <>
      <div style={m.hero} data-testid="report-in-hero">
        <div style={m.heroLabel}>{r.status === 'confirmed' ? '已在社区报到' : reportInStatusLabels[r.status]}</div>
        <div style={{ fontSize: 24, fontWeight: 700, lineHeight: 1.4, margin: '8px 0 4px' }}>{r.communityName.replace(/^中共/, '').replace(/委员会$/, '')}</div>
        <div style={{ fontSize: 18 }}>
          {r.unitName} · 报到证 {r.certificateNo}
        </div>
      </div>
      <div style={m.card}>
        <div style={{ ...m.row, ...m.rowFirst }}>
          <span>状态</span>
          <span style={{ ...statusStyle[r.status], padding: '2px 10px', borderRadius: 6, fontWeight: 700 }}>{reportInStatusLabels[r.status]}</span>
        </div>
        <div style={m.row}>
          <span>已认定服务</span>
          <span style={m.amount}>{hoursText(r.approvedMinutes)}</span>
        </div>
        {r.pendingServices > 0 && (
          <div style={m.row}>
            <span>待社区审核</span>
            <span style={m.amount}>{r.pendingServices} 条</span>
          </div>
        )}
        <a href={r.certificatePdfUrl} target="_blank" rel="noopener" style={{ ...m.row, color: '#b71c1c', textDecoration: 'none' }}>
          <span>查看报到证</span>
          <span>›</span>
        </a>
      </div>
      {r.status === 'registered' && <p style={m.gentle}>请带上报到证到社区党组织报到；社区确认后即可在这里认领岗位、登记服务。</p>}
      {r.status === 'declined' && <p style={m.gentle}>社区退回了这次报到：{r.declineReason}。请与单位联系重新登记。</p>}
      {r.status === 'confirmed' && (
        <>
          <MenuSection r={r} onChanged={refresh} />
          <ServiceForm r={r} onSaved={refresh} />
        </>
      )}
      {r.services.length > 0 && (
        <>
          <h2 style={m.section}>我的服务记录</h2>
          <div style={m.card}>
            {r.services.map((s, i) => (
              <div key={s.id} style={{ ...m.item, ...(i === 0 ? { borderTop: 'none' } : {}) }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <strong style={{ fontSize: 19 }}>
                    {s.servedOn} · {hoursText(s.minutes)}
                  </strong>
                  <span style={{ fontSize: 18, color: s.status === 'approved' ? '#237804' : s.status === 'rejected' ? '#a8071a' : '#7c5800' }}>{serviceStatusLabels[s.status]}</span>
                </div>
                <div style={m.line}>{s.content}</div>
                {s.decisionNote && <div style={m.small}>社区意见：{s.decisionNote}</div>}
              </div>
            ))}
          </div>
        </>
      )}
      <SelfEvaluation r={r} onSaved={refresh} />
    </>
  );
}

/**
 * 双报到 (H5) for the in-service member: where they reported and its state, the community's menu to claim from,
 * service to log (date, time, content) and its approval, and the yearly 五评议 — large type, one thing at a time.
 */
export function MyReportInPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: reportInKeys.mine, queryFn: getMine, retry: false });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: reportInKeys.mine });
  return (
    <div className="xfm-page" style={{ paddingBottom: 96 }}>
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m')}>
            <LeftOutlined aria-hidden /> 返回
          </button>
        }
      >
        双报到
      </NavBar>
      {q.isPending && (
        <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
          正在加载<DotLoading />
        </div>
      )}
      {q.isError && <ErrorBlock status="default" title="暂时打不开" description={errorMessage(q.error)} />}
      {q.data && q.data.items.length === 0 && <p style={{ ...m.gentle, marginTop: 16 }}>您还没有双报到记录。在职党员由工作单位统一登记，到居住地社区报到后，可在这里认领岗位、登记服务。</p>}
      {q.data?.items.map((r) => <Registration key={r.id} r={r} refresh={refresh} />)}
    </div>
  );
}
