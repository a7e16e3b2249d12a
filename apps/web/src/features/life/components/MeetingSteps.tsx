import { Steps } from 'antd';
import type { MeetingStatus } from '@xianfeng/contracts/life/life.enums';
import type { MinutesView } from '../api';

const titles = ['计划通知', '召开签到', '会议记录', '记录确认', '上级审核'] as const;

/**
 * Where the meeting is in its life: planned → in progress → minutes written → confirmed by the recorder
 * and the host → approved by the upper level (locked). A returned record is back at 会议记录, in red.
 */
export function MeetingSteps({ status, started, minutes }: { status: MeetingStatus; started: boolean; minutes: MinutesView | null | undefined }) {
  let current: number;
  let state: 'process' | 'error' | 'finish' | 'wait' = 'process';
  const content: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  switch (status) {
    case 'planned':
      current = started ? 2 : 0;
      content[0] = started ? undefined : '已通知应到党员';
      break;
    case 'in_progress':
      current = 1;
      content[1] = '正在签到';
      break;
    case 'minutes_draft':
      current = 3;
      content[3] = [minutes?.confirmedByRecorderAt ? '记录人已确认' : '待记录人确认', minutes?.confirmedByHostAt ? '主持人已确认' : '待主持人确认'].join('，');
      break;
    case 'confirmed':
      current = 4;
      content[4] = '待上级审核';
      break;
    case 'approved':
      current = 5;
      state = 'finish';
      content[4] = '已通过，记录已锁定';
      break;
    case 'returned':
      current = 2;
      state = 'error';
      content[2] = '上级已退回，请修改后重新确认';
      break;
    case 'cancelled':
      current = 0;
      state = 'error';
      content[0] = '会议已取消';
      break;
  }
  if (status === 'planned' && started) content[2] = '请填写会议记录';
  return (
    <Steps
      data-testid="meeting-steps"
      current={current}
      status={state}
      items={titles.map((title, i) => ({ title, content: content[i] }))}
    />
  );
}
