import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { stepRoleLabels, transferStatusLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { errorMessage } from '@/lib/http';
import { useMe } from '@/features/auth/api';
import { useMemberTransfers, type TransferSummary } from '../../api';
import { instantDayText, isOpenStatus } from '../../format';
import { m, statusStyle } from '../../components/mobile/styles';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

function TransferCard({ t }: { t: TransferSummary }) {
  return (
    <Link to={`/m/transfers/${t.id}`} style={m.link} data-testid="my-transfer">
      <div style={m.title}>转往 {t.toOrgName ?? '—'}</div>
      <div style={m.small}>从 {t.fromOrgName}</div>
      <span style={{ ...m.status, ...statusStyle[t.status] }}>{transferStatusLabels[t.status]}</span>
      {t.currentStep && (
        <div style={m.line}>
          正在办理：{t.currentStep.orgName}（{stepRoleLabels[t.currentStep.role]}）
        </div>
      )}
      <div style={m.small}>{instantDayText(t.createdAt)} 申请</div>
    </Link>
  );
}

/** 组织关系转接 (H5): the member's own transfers, newest first, and 申请转接 when none is under way. */
export function MyTransfersPage() {
  const navigate = useNavigate();
  const me = useMe();
  const memberId = me.data?.memberId;
  const list = useMemberTransfers(memberId);
  const open = list.data?.some((t) => isOpenStatus(t.status)) ?? false;

  let body: ReactNode;
  if (me.isPending || (memberId && list.isPending)) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (!memberId) {
    body = <ErrorBlock status="empty" title="这个账号没有党员档案" description={say('组织关系转接需要用党员本人的账号办理。')} />;
  } else if (list.isError) {
    body = <ErrorBlock status="default" title="转接记录暂时打不开" description={say(errorMessage(list.error))} />;
  } else {
    body = (
      <>
        {open ? (
          <p style={{ ...m.gentle, margin: 12 }}>您有一项组织关系转接正在办理。办结或撤销后，才能再申请新的转接。</p>
        ) : (
          <div style={{ margin: 12 }}>
            <Button block color="primary" size="large" style={m.big} onClick={() => void navigate('/m/transfers/new')} data-testid="apply-transfer">
              申请转接
            </Button>
            <p style={{ ...m.small, textAlign: 'center', marginTop: 8 }}>工作调动、搬家、升学等需要转组织关系时申请，由党组织逐级审批。</p>
          </div>
        )}
        <h2 style={m.section}>我的转接记录</h2>
        {list.data && list.data.length > 0 ? (
          list.data.map((t) => <TransferCard key={t.id} t={t} />)
        ) : (
          <p className="xfm-note" style={{ fontSize: 18 }}>
            还没有组织关系转接记录。
          </p>
        )}
        <p className="xfm-note">转接中有疑问，请联系所在党支部的书记或组织委员。</p>
      </>
    );
  }

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m')}>
            <LeftOutlined aria-hidden /> 我的档案
          </button>
        }
      >
        组织关系转接
      </NavBar>
      {body}
    </div>
  );
}
