import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '@/lib/http';
import { completionUrl, downloadFile, type DocFormat } from '../api';

/** 组织生活完成情况表 of the organisation's branches for the period, as Excel or PDF. */
export function CompletionDownloads({ orgId, period }: { orgId: string; period: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocFormat | null>(null);
  const download = async (format: DocFormat) => {
    setBusy(format);
    try {
      await downloadFile(completionUrl(orgId, period, format), `组织生活完成情况-${period}.${format}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
        完成情况表（Excel）
      </Button>
      <Button loading={busy === 'pdf'} onClick={() => void download('pdf')}>
        PDF
      </Button>
    </Space.Compact>
  );
}
