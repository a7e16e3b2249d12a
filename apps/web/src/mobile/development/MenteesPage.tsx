import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { errorMessage } from '@/lib/http';
import { m } from '@/features/transfer/components/mobile/styles';
import { useMentees, type MenteeView } from './api';
import { stageNames, todayLocal, zhDate } from './format';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

function MenteeCard({ x, today }: { x: MenteeView; today: string }) {
  const late = !!x.nextAssessmentDueBy && x.nextAssessmentDueBy < today;
  return (
    <Link to={`/m/mentoring/${x.caseId}`} style={{ ...m.link, display: 'flex', alignItems: 'center', gap: 12 }} data-testid="mentee">
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={m.title}>{x.name}</div>
        <div style={m.line}>
          {stageNames[x.stage]} · {x.orgName}
        </div>
        <div style={m.small}>上次考察：{x.lastAssessmentOn ? zhDate(x.lastAssessmentOn) : '还没有'}</div>
        {x.nextAssessmentDueBy && (
          <div style={{ ...m.small, color: late ? '#a8071a' : '#555', fontWeight: late ? 700 : 400 }}>
            下次考察：{late ? `已超过 ${zhDate(x.nextAssessmentDueBy)}，请提醒党支部` : `${zhDate(x.nextAssessmentDueBy)} 前`}
          </div>
        )}
        <div style={m.small}>我的最近记录：{x.lastNoteOn ? zhDate(x.lastNoteOn) : '还没有'}</div>
      </div>
      <RightOutlined aria-hidden style={{ color: '#999' }} />
    </Link>
  );
}

/** 我培养联系的人 (H5, mentors): the activists and candidates one mentors, and when each is next assessed. */
export function MenteesPage() {
  const navigate = useNavigate();
  const q = useMentees();
  const today = todayLocal();
  let body: ReactNode;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="暂时打不开" description={say(errorMessage(q.error))} />;
  } else if (q.data.length === 0) {
    body = <ErrorBlock status="empty" title="您现在没有培养联系的人" description={say('党支部指定您为培养联系人后，会在这里看到。')} />;
  } else {
    body = (
      <>
        <p style={{ ...m.gentle, margin: 12 }}>培养联系人要经常与入党积极分子谈心，了解思想、工作和学习情况，随时记下考察情况；党支部每半年考察一次（细则第九条、第十条）。</p>
        {q.data.map((x) => (
          <MenteeCard key={x.caseId} x={x} today={today} />
        ))}
      </>
    );
  }
  return (
    <div className="xfm-page" style={{ paddingBottom: 96 }}>
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m')}>
            <LeftOutlined aria-hidden /> 我的档案
          </button>
        }
      >
        我培养联系的人
      </NavBar>
      {body}
    </div>
  );
}
