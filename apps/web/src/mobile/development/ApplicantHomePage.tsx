import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { logout, useMe } from '@/features/auth/api';
import { m } from '@/features/transfer/components/mobile/styles';
import { rememberIdNumber, useMyCase, type ApplicantCaseView } from './api';
import { caseStatusText, stageNames, zhDate } from './format';
import { StageTimeline } from './StageTimeline';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

function Row({ name, children, first }: { name: string; children: ReactNode; first?: boolean }) {
  return (
    <div style={{ ...m.row, ...(first ? m.rowFirst : {}), minHeight: 52 }}>
      <span style={{ flex: '0 0 auto', color: '#555' }}>{name}</span>
      <span style={{ textAlign: 'right' }}>{children}</span>
    </div>
  );
}

/** The applicant's progress: the stage in large type, what comes next and by when, the five stages, their details. */
function Progress({ c }: { c: ApplicantCaseView }) {
  return (
    <>
      <div style={m.hero} data-testid="my-stage">
        <div style={m.heroLabel}>{c.orgName}</div>
        <div style={{ ...m.heroValue, fontSize: 32 }}>{c.status === 'open' ? stageNames[c.stage] : caseStatusText[c.status]}</div>
        <div style={{ fontSize: 18 }}>{c.status === 'open' ? `第 ${c.stage} 阶段，共 5 个阶段` : `申请日期 ${zhDate(c.appliedOn)}`}</div>
      </div>
      {c.status === 'open' && c.next.length > 0 && (
        <>
          <h2 style={m.section}>下一步</h2>
          {c.next.map((n) => (
            <p key={n.key} style={{ ...m.gentle, margin: '8px 12px', ...(n.overdue ? { background: '#fff1f0', color: '#a8071a' } : {}) }} data-testid="next-step">
              {n.text}
            </p>
          ))}
        </>
      )}
      {c.status === 'stopped' && <p style={{ ...m.gentle, margin: 12 }}>您的入党申请已终止办理。如有疑问，请联系{c.orgName}。</p>}
      {c.status === 'archived' && <p style={{ ...m.gentle, margin: 12 }}>您已按期转为正式党员，材料已归档。请用党员账号登录查看您的党员档案。</p>}
      <h2 style={m.section}>办理进度</h2>
      <StageTimeline c={c} />
      <h2 style={m.section}>我的申请</h2>
      <div style={m.card}>
        <Row name="申请的党支部" first>
          {c.orgName}
        </Row>
        <Row name="申请日期">{zhDate(c.appliedOn)}</Row>
        <Row name="姓名">{c.name}</Row>
        <Row name="身份证号">
          <span className="xfm-mono">{c.idNumber}</span>
        </Row>
        <Row name="手机号">
          <span className="xfm-mono">{c.phone ?? '未填写'}</span>
        </Row>
      </div>
      <p className="xfm-note">请同时把亲笔书写的入党申请书交给党支部。信息有误或有疑问，请联系{c.orgName}的书记或组织委员。</p>
    </>
  );
}

/** 我的入党申请 (H5, applicant accounts): apply if not yet, else the progress. */
export function ApplicantHomePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const applicant = me.data?.kind === 'applicant';
  const q = useMyCase(applicant);
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      rememberIdNumber(null);
      queryClient.clear();
      void navigate('/m/apply/login', { replace: true });
    },
  });

  let body: ReactNode;
  if (me.isPending || (applicant && q.isPending)) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (me.data && !applicant) {
    body = (
      <ErrorBlock
        status="empty"
        title="这里是入党申请人的页面"
        description={
          <>
            {say('您登录的是党员或工作人员账号。')}
            <Link to="/m" style={{ ...m.link, fontSize: 19 }}>
              回到我的档案
            </Link>
          </>
        }
      />
    );
  } else if (q.isError || me.isError) {
    body = <ErrorBlock status="default" title="暂时打不开" description={say(errorMessage(q.error ?? me.error))} />;
  } else if (q.data && !q.data.case) {
    body = (
      <>
        <div style={m.hero}>
          <div style={m.heroLabel}>{q.data.name}，您好</div>
          <div style={{ ...m.heroValue, fontSize: 30 }}>还没有递交入党申请</div>
        </div>
        <p style={{ ...m.gentle, margin: 12 }}>
          入党申请应向工作、学习所在单位的党组织提出；单位没有党组织的，向单位所在地或居住地的党组织提出（细则第六条）。党组织收到申请后一个月内会派人与您谈话。
        </p>
        <div style={{ margin: 12 }}>
          <Button block color="primary" size="large" style={m.big} onClick={() => void navigate('/m/apply/new')} data-testid="start-apply">
            递交入党申请
          </Button>
        </div>
      </>
    );
  } else if (q.data?.case) {
    body = <Progress c={q.data.case} />;
  }

  return (
    <div className="xfm-page" style={{ paddingBottom: 48 }}>
      <NavBar
        className="xfm-navbar"
        back={null}
        right={
          me.data ? (
            <button type="button" onClick={() => out.mutate()} disabled={out.isPending}>
              退出
            </button>
          ) : null
        }
      >
        我的入党申请
      </NavBar>
      {me.data?.demo && <div style={{ background: '#fff8e1', color: '#5d4037', padding: '8px 16px', fontSize: 16, fontWeight: 600 }}>演示模式</div>}
      {body}
    </div>
  );
}
