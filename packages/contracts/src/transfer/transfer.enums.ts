/** 组织关系转接: a transfer's life and its approval steps. */
export const transferStatuses = ['pending', 'returned', 'rejected', 'cancelled', 'awaiting_receipt', 'completed'] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferStatusLabels: Record<TransferStatus, string> = {
  pending: '审批中',
  returned: '已退回修改',
  rejected: '已拒绝',
  cancelled: '已撤销',
  awaiting_receipt: '待回执',
  completed: '已完成',
};

/** A step waits for the ones before it, is pending while it is the current one, then ends one way. */
export const stepStatuses = ['waiting', 'pending', 'approved', 'returned', 'rejected', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/**
 * Who a step belongs to: the sending 基层党委 (转出), a level in between (setting), the receiving 基层党委
 * (转入), the receiving branch taking the member in (编入支部); within one 基层党委 one `committee` step.
 */
export const stepRoles = ['sending_committee', 'committee', 'intermediate', 'receiving_committee', 'receiving_branch'] as const;
export type StepRole = (typeof stepRoles)[number];
export const stepRoleLabels: Record<StepRole, string> = {
  sending_committee: '转出党委审批',
  committee: '党委审批',
  intermediate: '上级党组织审批',
  receiving_committee: '转入党委审批',
  receiving_branch: '接收支部编入',
};

export const transferActions = ['approve', 'reject', 'return', 'resubmit', 'cancel', 'receipt'] as const;
export type TransferAction = (typeof transferActions)[number];
