import { Descriptions, Typography } from 'antd';
import type { MeetingView, MinutesView } from '../api';

const none = <Typography.Text type="secondary">无</Typography.Text>;
const lines = (items: React.ReactNode[]) =>
  items.length ? (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ol>
  ) : (
    none
  );

/** The minutes as a document, for a record that can no longer change here or for readers who cannot write. */
export function MinutesRecord({ meeting, minutes }: { meeting: MeetingView; minutes: MinutesView }) {
  const name = (id: string) => meeting.attendees.find((a) => a.memberId === id)?.name ?? '—';
  return (
    <Descriptions
      bordered
      column={1}
      size="middle"
      data-testid="minutes-record"
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'host', label: '主持人', children: `${name(minutes.hostMemberId)}${minutes.sameHostAndRecorder ? '（兼记录人）' : ''}` },
        { key: 'recorder', label: '记录人', children: name(minutes.recorderMemberId) },
        { key: 'topics', label: '议题', children: lines(minutes.topics) },
        { key: 'points', label: '主要内容', children: <div style={{ whiteSpace: 'pre-wrap' }}>{minutes.keyPoints}</div> },
        { key: 'differing', label: '不同意见', children: minutes.differingOpinions ? <div style={{ whiteSpace: 'pre-wrap' }}>{minutes.differingOpinions}</div> : none },
        { key: 'decisions', label: '决定事项', children: lines(minutes.decisions) },
        { key: 'votes', label: '表决情况', children: lines(minutes.votes.map((v) => `${v.item}：赞成 ${v.yes}，反对 ${v.no}，弃权 ${v.abstain}`)) },
        { key: 'follow', label: '落实事项', children: lines(minutes.followUps.map((f) => `${f.task}（负责人：${f.ownerName}，${f.deadline} 前完成）`)) },
        { key: 'absent', label: '缺席人员及原因', children: lines(minutes.absences.map((a) => `${name(a.memberId)}：${a.reason}`)) },
        { key: 'notExpected', label: '不计入应到', children: lines(minutes.notExpected.map((a) => `${name(a.memberId)}：${a.reason}`)) },
      ]}
    />
  );
}
