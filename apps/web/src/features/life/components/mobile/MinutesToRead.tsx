import type { ReactNode } from 'react';
import type { MeetingDetail, MeetingMinutes } from '../../mobile-api';
import { dayText, shortInstant } from './meeting-format';

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="xfm-minutes-part">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/**
 * 会议记录 for a member to read: everything the server lets the member see (topics, what was said,
 * decisions, votes, follow-ups, who was absent and why, who confirmed, the upper level's review), as
 * plain sentences rather than a form. The record's fingerprint (hash) is left to the admin console.
 */
export function MinutesToRead({ minutes: r, meeting, now }: { minutes: MeetingMinutes; meeting: MeetingDetail; now: Date }) {
  const names = new Map(meeting.attendees.map((a) => [a.memberId, a.name]));
  const name = (id: string) => names.get(id) ?? '（已不在名单中）';
  const review = r.review?.decision === 'approve' ? r.review : null;
  return (
    <div className="xfm-minutes" data-testid="minutes">
      {meeting.status === 'approved' ? (
        <div className="xfm-review ok" data-testid="minutes-review">
          已审核：上级党组织{review ? `（${review.by}）${shortInstant(review.at, now)} ` : ''}审核通过。
          {review?.comment && <div>审核意见：{review.comment}</div>}
        </div>
      ) : (
        <div className="xfm-review wait" data-testid="minutes-review">
          记录待上级审核：主持人和记录人已确认，还要等上级党组织审核。
        </div>
      )}

      <Part title="会议议题">
        <ol>
          {r.topics.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ol>
      </Part>
      <Part title="主要内容">
        <p className="xfm-pre">{r.keyPoints}</p>
      </Part>
      {r.differingOpinions && (
        <Part title="不同意见">
          <p className="xfm-pre">{r.differingOpinions}</p>
        </Part>
      )}
      {r.decisions.length > 0 && (
        <Part title="决定事项">
          <ol>
            {r.decisions.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ol>
        </Part>
      )}
      {r.votes.length > 0 && (
        <Part title="表决情况">
          {r.votes.map((v, i) => (
            <p key={i} className="xfm-vote">
              <strong>{v.item}</strong>
              <br />
              同意 {v.yes} 票，不同意 {v.no} 票，弃权 {v.abstain} 票
            </p>
          ))}
        </Part>
      )}
      {r.followUps.length > 0 && (
        <Part title="要落实的事">
          {r.followUps.map((f, i) => (
            <p key={i} className="xfm-vote">
              <strong>{f.task}</strong>
              <br />
              负责人：{f.ownerName}，{dayText(f.deadline)}前完成
            </p>
          ))}
        </Part>
      )}
      <Part title="到会情况">
        {r.quorum ? (
          <p>
            应到 {r.quorum.shouldAttend} 人，实到 {r.quorum.present} 人，{r.quorum.met ? '到会人数符合规定' : '到会人数没有达到规定'}。
          </p>
        ) : (
          <p>
            应到 {meeting.counts.expected} 人，到会 {meeting.counts.present + meeting.counts.online} 人
            {meeting.counts.online > 0 && `（其中线上 ${meeting.counts.online} 人）`}，请假 {meeting.counts.leave} 人。
          </p>
        )}
        {r.absences.length > 0 && (
          <p>
            缺席：
            {r.absences.map((a) => `${name(a.memberId)}（${a.reason}）`).join('；')}
          </p>
        )}
        {r.notExpected.length > 0 && (
          <p>
            不计入应到：
            {r.notExpected.map((a) => `${name(a.memberId)}（${a.reason}）`).join('；')}
          </p>
        )}
      </Part>
      <Part title="主持人和记录人">
        {r.sameHostAndRecorder ? (
          <p>
            主持人兼记录人：{name(r.hostMemberId)}
            {r.confirmedByHostAt ? `，${shortInstant(r.confirmedByHostAt, now)} 已确认` : '，还没有确认'}
          </p>
        ) : (
          <>
            <p>
              主持人：{name(r.hostMemberId)}
              {r.confirmedByHostAt ? `，${shortInstant(r.confirmedByHostAt, now)} 已确认` : '，还没有确认'}
            </p>
            <p>
              记录人：{name(r.recorderMemberId)}
              {r.confirmedByRecorderAt ? `，${shortInstant(r.confirmedByRecorderAt, now)} 已确认` : '，还没有确认'}
            </p>
          </>
        )}
      </Part>
      {r.corrections.length > 0 && (
        <Part title="记录修改过">
          {r.corrections.map((c, i) => (
            <p key={i}>
              {shortInstant(c.at, now)}，{c.by}：{c.reason}
            </p>
          ))}
        </Part>
      )}
    </div>
  );
}
