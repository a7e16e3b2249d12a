import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrgView } from '@xianfeng/contracts/org/org.schemas';
import { orgDomainLabels, orgDomains, orgKindLabels, orgKinds, type OrgDomain, type OrgKind } from '@xianfeng/contracts/org/org.enums';
import { errorMessage } from '@/lib/http';
import { applyServerErrors } from '@/lib/form-errors';
import { createOrg, notifyOrgTreeChanged, orgKeys, updateOrg } from '../api';

interface Values {
  name: string;
  shortName?: string;
  kind?: OrgKind;
  domain: OrgDomain;
  unitName?: string;
  unitCreditCode?: string;
  canApproveMembers?: boolean;
}
const fields = ['name', 'shortName', 'kind', 'domain', 'unitName', 'unitCreditCode', 'canApproveMembers'] as const;
const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

interface Props {
  /** `edit`: PATCH this org; `create`: POST a child of this org. */
  mode: 'edit' | 'create';
  org: OrgView;
  open: boolean;
  onClose: (createdId?: string) => void;
}

/** 修改党组织 / 新建下级组织. Server validation messages appear under the fields. */
export function OrgFormModal({ mode, org, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [topError, setTopError] = useState<string | null>(null);
  const initial: Values =
    mode === 'edit'
      ? {
          name: org.name,
          shortName: org.shortName ?? '',
          domain: org.domain,
          unitName: org.unitName ?? '',
          unitCreditCode: org.unitCreditCode ?? '',
          canApproveMembers: org.canApproveMembers,
        }
      : { name: '', domain: org.domain, kind: 'branch', canApproveMembers: false };

  const save = useMutation({
    mutationFn: (v: Values) =>
      mode === 'edit'
        ? updateOrg(org.id, {
            name: v.name,
            shortName: blankToNull(v.shortName),
            domain: v.domain,
            unitName: blankToNull(v.unitName),
            unitCreditCode: blankToNull(v.unitCreditCode),
            canApproveMembers: !!v.canApproveMembers,
          })
        : createOrg({
            parentId: org.id,
            name: v.name,
            kind: v.kind ?? 'branch',
            domain: v.domain,
            canApproveMembers: !!v.canApproveMembers,
            ...(blankToNull(v.shortName) ? { shortName: blankToNull(v.shortName)! } : {}),
            ...(blankToNull(v.unitName) ? { unitName: blankToNull(v.unitName)! } : {}),
            ...(blankToNull(v.unitCreditCode) ? { unitCreditCode: blankToNull(v.unitCreditCode)! } : {}),
          }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(orgKeys.view(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      notifyOrgTreeChanged(mode === 'edit' ? org.parentId : org.id);
      onClose(mode === 'create' ? saved.id : undefined);
    },
    onError: (err) => {
      const rest = applyServerErrors(form, err, fields);
      setTopError([errorMessage(err), ...rest.filter((r) => r !== errorMessage(err))].join('；'));
    },
  });

  return (
    <Modal
      open={open}
      title={mode === 'edit' ? `修改党组织：${org.name}` : `新建下级组织（上级：${org.name}）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label="简称">
          <Input maxLength={30} />
        </Form.Item>
        {mode === 'create' && (
          <Form.Item name="kind" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select options={orgKinds.filter((k) => k !== 'local_committee').map((k) => ({ value: k, label: orgKindLabels[k] }))} />
          </Form.Item>
        )}
        <Form.Item name="domain" label="所属领域" rules={[{ required: true, message: '请选择所属领域' }]}>
          <Select options={orgDomains.map((d) => ({ value: d, label: orgDomainLabels[d] }))} />
        </Form.Item>
        <Form.Item name="unitName" label="所在单位">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitCreditCode" label="统一社会信用代码">
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="canApproveMembers" valuePropName="checked">
          <Checkbox>有审批发展党员权限的基层党委</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
