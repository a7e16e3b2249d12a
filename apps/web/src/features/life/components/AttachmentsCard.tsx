import { App, Button, Card, List, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import { attachmentUrl, uploadAttachment, type MeetingView } from '../api';
import { useMeetingAction } from './use-meeting-action';

const MAX = 10 * 1024 * 1024;
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** 附件: photos of the sign-in sheet, slides, scanned resolutions — checked by type and size, listed with their SM3. */
export function AttachmentsCard({ meeting, canWrite }: { meeting: MeetingView; canWrite: boolean }) {
  const { busy, run } = useMeetingAction(meeting.id);
  const { message } = App.useApp();
  const open = canWrite && meeting.status !== 'approved' && meeting.status !== 'cancelled';
  return (
    <Card
      title="附件"
      id="attachments"
      extra={
        open && (
          <Upload
            accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX) {
                void message.error(`${file.name} 超过 10 MB，请压缩后再上传`);
              } else {
                void run('upload', () => uploadAttachment(meeting.id, file), `已上传 ${file.name}`);
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy === 'upload'}>
              上传附件
            </Button>
          </Upload>
        )
      }
    >
      <List
        data-testid="attachments"
        size="small"
        dataSource={meeting.attachments}
        locale={{ emptyText: open ? '签到表照片、课件、决议扫描件等（JPG、PNG、PDF、Word、Excel，每个不超过 10 MB）' : '没有附件' }}
        renderItem={(a) => (
          <List.Item>
            <List.Item.Meta
              avatar={<PaperClipOutlined />}
              title={
                <a href={attachmentUrl(meeting.id, a.id)} download={a.fileName}>
                  {a.fileName}
                </a>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {size(a.size)} · {formatInstant(a.createdAt)} · SM3 {a.sm3.slice(0, 16)}…
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
