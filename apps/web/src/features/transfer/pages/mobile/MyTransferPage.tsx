import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Dialog, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { transferStatusLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { errorMessage } from '@/lib/http';
import { cancelTransfer, transferKeys, useTransfer, type TransferView } from '../../api';
import { dayText, instantDayText, paidUntilText } from '../../format';
import { MobileStepList } from '../../components/mobile/MobileStepList';
import { m, statusStyle } from '../../components/mobile/styles';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

function Row({ name, children, first }: { name: string; children: ReactNode; first?: boolean }) {
  return (
    <div style={{ ...m.row, ...(first ? m.rowFirst : {}), minHeight: 52 }}>
      <span style={{ flex: '0 0 auto', color: '#555' }}>{name}</span>
      <span style={{ textAlign: 'right' }}>{children}</span>
    </div>
  );
}

/** What the member should do next, in plain words. */
function nextStepText(t: TransferView): string | null {
  if (t.status === 'returned') return '您的申请被退回修改，请看上面的意见，联系所在党支部修改后重新提交；也可以撤销后重新申请。';
  if (t.status === 'awaiting_receipt') return '请带上纸质介绍信，在有效期内到接收党组织报到；接收党组织会寄回回执。';
  if (t.status === 'completed') return t.externalOrg ? '回执已收到，转接已办结。' : `您的组织关系已转入${t.toOrgName ?? ''}。`;
  return null;
}

/** 我的转接 (H5): where it stands, each step in large type, the letter, and 撤销 while that is allowed. */
export function MyTransferPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useTransfer(id);
  const [error, setError] = useState<string | null>(null);

  const cancel = async (t: TransferView) => {
    const ok = await Dialog.confirm({
      content: <div style={{ fontSize: 20, lineHeight: 1.6, textAlign: 'center' }}>确定撤销这次组织关系转接吗？撤销后您的组织关系留在原党支部。</div>,
      confirmText: <span style={{ fontSize: 19 }}>确定撤销</span>,
      cancelText: <span style={{ fontSize: 19 }}>不撤销</span>,
    });
    if (!ok) return;
    setError(null);
    try {
      queryClient.setQueryData(transferKeys.detail(t.id), await cancelTransfer(t.id));
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  let body: ReactNode;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="转接暂时打不开" description={say(errorMessage(q.error))} />;
  } else {
    const t = q.data;
    const next = nextStepText(t);
    body = (
      <>
        <div style={{ ...m.hero, ...statusStyle[t.status], border: '1px solid rgba(0,0,0,0.06)' }} data-testid="my-transfer-status">
          <div style={m.heroLabel}>转往 {t.toOrgName ?? '—'}</div>
          <div style={{ ...m.heroValue, fontSize: 34 }}>{transferStatusLabels[t.status]}</div>
        </div>
        {next && <p style={{ ...m.gentle, margin: 12 }}>{next}</p>}
        <div style={m.card}>
          <Row name="转出" first>
            {t.fromOrgName}
          </Row>
          <Row name="转入">{t.toOrgName ?? '—'}</Row>
          <Row name="原因">{t.reason}</Row>
          <Row name="申请日期">{instantDayText(t.createdAt)}</Row>
          <Row name="党费交至">{paidUntilText(t.paidUntil)}</Row>
        </div>
        <h2 style={m.section}>办理进度</h2>
        <MobileStepList steps={t.steps} />
        {t.letter && (
          <>
            <h2 style={m.section}>介绍信</h2>
            <div style={m.card}>
              <Row name="编号" first>
                <span style={{ fontFamily: 'monospace' }}>{t.letter.letterNo}</span>
              </Row>
              <Row name="有效期至">
                {dayText(t.letter.validUntil)}
                {t.letter.expired && <span style={{ ...m.small, color: '#a8071a' }}>已过期，请联系党支部</span>}
              </Row>
            </div>
            <div style={{ margin: 12 }}>
              <a href={t.letter.pdfUrl} target="_blank" rel="noopener" style={{ ...m.chip, display: 'flex', alignItems: 'center', justifyContent: 'center', textDecoration: 'none' }}>
                打开介绍信（可打印）
              </a>
            </div>
          </>
        )}
        {t.actions.includes('cancel') && (
          <div style={{ margin: '24px 12px' }}>
            <Button block size="large" color="danger" fill="outline" style={m.big} onClick={() => void cancel(t)} data-testid="cancel-transfer">
              撤销转接
            </Button>
          </div>
        )}
        {error && (
          <div style={{ ...m.error, margin: 12 }} role="alert">
            {error}
          </div>
        )}
        <p className="xfm-note">转接中有疑问，请联系所在党支部的书记或组织委员。</p>
      </>
    );
  }

  return (
    <div className="xfm-page" style={{ paddingBottom: 96 }}>
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m/transfers')} data-testid="back-to-transfers">
            <LeftOutlined aria-hidden /> 转接记录
          </button>
        }
      >
        我的转接
      </NavBar>
      {body}
    </div>
  );
}
