import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { postKindLabels, postKinds, type PostKind } from '@xianfeng/contracts/report-in/report-in.enums';
import { applyServerErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/http';
import { createPost, updatePost, type PostView } from '../api';

interface Values {
  kind: PostKind;
  title: string;
  description?: string;
  capacity?: number | null;
}
const FIELDS = ['kind', 'title', 'description', 'capacity'] as const;

/** New or edited menu item: what residents need (岗位, 结对, 服务队), how many places (blank: no limit). */
export function PostFormModal({ open, communityOrgId, post, onClose }: { open: boolean; communityOrgId: string | null; post: PostView | null; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) form.setFieldsValue(post ? { kind: post.kind, title: post.title, description: post.description ?? '', capacity: post.capacity } : { kind: 'post', title: '', description: '', capacity: null });
    setError(null);
  }, [open, post]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const description = v.description?.trim() || undefined;
      if (post) await updatePost(post.id, { title: v.title, description: description ?? '', capacity: v.capacity ?? null });
      else await createPost({ communityOrgId: communityOrgId!, kind: v.kind, title: v.title, description, ...(v.capacity ? { capacity: v.capacity } : {}) });
      onClose(true);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={post ? '修改服务项目' : '新增服务项目'} okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group disabled={!!post} optionType="button" options={postKinds.map((k) => ({ value: k, label: postKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={60} placeholder="如：楼道文明劝导员、结对帮扶独居老人（3号楼）" />
        </Form.Item>
        <Form.Item name="description" label="居民需求与服务内容">
          <Input.TextArea maxLength={500} rows={3} placeholder="写明居民的需求、服务时间和方式，党员据此选择" />
        </Form.Item>
        <Form.Item name="capacity" label="名额" extra="不填为不限名额；结对通常 1–2 人">
          <InputNumber min={1} max={500} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
