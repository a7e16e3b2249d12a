import { PaperClipOutlined } from '@ant-design/icons';
import { attachmentUrl, type MeetingDetail } from '../../mobile-api';
import { fileSize, shortInstant } from './meeting-format';

/** 会议材料: each file a big link that downloads it (签到表照片, 课件, 决议扫描件). */
export function MeetingFiles({ meeting }: { meeting: MeetingDetail }) {
  if (meeting.attachments.length === 0) return null;
  return (
    <section className="xfm-block" aria-labelledby="xfm-files" data-testid="meeting-files">
      <h2 id="xfm-files" className="xfm-block-title">
        会议材料
      </h2>
      {meeting.attachments.map((a) => (
        <a key={a.id} className="xfm-file" href={attachmentUrl(meeting.id, a.id)} download={a.fileName}>
          <PaperClipOutlined aria-hidden className="xfm-line-icon" />
          <span className="xfm-file-name">{a.fileName}</span>
          <span className="xfm-file-size">{fileSize(a.size)}</span>
        </a>
      ))}
    </section>
  );
}

/** 更正说明: corrections appended to an approved record (the record itself never changes). */
export function MeetingCorrections({ meeting, now }: { meeting: MeetingDetail; now: Date }) {
  if (meeting.appendedCorrections.length === 0) return null;
  return (
    <section className="xfm-block" aria-labelledby="xfm-corrections" data-testid="meeting-corrections">
      <h2 id="xfm-corrections" className="xfm-block-title">
        更正说明
      </h2>
      <p className="xfm-muted">会议记录审核后又发现的错误，在这里补充说明：</p>
      {meeting.appendedCorrections.map((c) => (
        <div key={c.id} className="xfm-correction">
          <p>
            <span className="xfm-label">更正内容：</span>
            <span className="xfm-pre">{c.content}</span>
          </p>
          <p>
            <span className="xfm-label">原因：</span>
            {c.reason}
          </p>
          <p className="xfm-muted">
            {c.by}，{shortInstant(c.at, now)}
          </p>
        </div>
      ))}
    </section>
  );
}
