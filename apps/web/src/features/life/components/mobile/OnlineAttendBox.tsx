import { useState } from 'react';
import { Button } from 'antd-mobile';
import { VideoCameraOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { checkInOnline, myLifeKeys, type MeetingDetail } from '../../mobile-api';

/**
 * 线上参会 for members away from the branch (流动党员): one button records the online attendance and
 * opens the meeting's video link. The server decides who may (管理类别 and the check-in window) and says
 * why not in plain words.
 */
export function OnlineAttendBox({ meeting }: { meeting: MeetingDetail }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const attend = useMutation({
    mutationFn: () => checkInOnline(meeting.id),
    onSuccess: () => {
      setError(null);
      void qc.invalidateQueries({ queryKey: myLifeKeys.all });
      window.open(meeting.onlineUrl!, '_blank', 'noopener');
    },
    onError: (err) => setError(errorMessage(err)),
  });
  return (
    <div className="xfm-online" data-testid="online-attend">
      <p className="xfm-muted">在外地不能到会场的流动党员，可以在会议开始前后通过线上链接参会。</p>
      <Button block size="large" color="primary" fill="outline" loading={attend.isPending} onClick={() => attend.mutate()}>
        <VideoCameraOutlined aria-hidden /> 线上参会
      </Button>
      {error && (
        <div className="xfm-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
