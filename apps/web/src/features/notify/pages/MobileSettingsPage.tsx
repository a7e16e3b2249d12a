import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, DotLoading, ErrorBlock, List, NavBar, Switch, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { logout } from '../../auth/api';
import { getPreferences, notifyKeys, updatePreferences, type PreferencesView, type UpdatePreferencesInput } from '../api';
import { carePatch, isMaskedPhone, toCareValues, type CareValues } from '../care-form';
import { splitServerErrors } from '../server-errors';
import { MobileCareSection } from '../components/MobileCareSection';
import { MobileTimeItem } from '../components/MobileTimeItem';
import '../notify-mobile.css';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

/** 设置 (H5): 两个生日, 家属代收 (members), 免打扰时间, 短信/微信提醒; and 退出登录. */
export function MobileSettingsPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: notifyKeys.preferences, queryFn: getPreferences });
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/m/login', { replace: true });
    },
  });

  let body;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="设置暂时打不开" description={say(errorMessage(q.error))} />;
  } else {
    body = <SettingsForm key={JSON.stringify(q.data)} prefs={q.data} />;
  }

  return (
    <div className="xfm-page">
      <NavBar className="xfm-navbar" back={null}>
        设置
      </NavBar>
      {body}
      <div className="xfm-more" style={{ paddingTop: 0 }}>
        <Button block size="large" onClick={() => out.mutate()} loading={out.isPending} style={{ minHeight: 52, fontSize: 19 }}>
          退出登录
        </Button>
      </div>
    </div>
  );
}

interface Values {
  channels: PreferencesView['channels'];
  quietStart: string;
  quietEnd: string;
  care: CareValues | null;
}

/** Client checks the server would answer with less helpful wording (and the masked phone rule). */
function localErrors(v: Values, initial: Values): Record<string, string> {
  const e: Record<string, string> = {};
  if (v.care?.deliverTo === 'family') {
    if (!v.care.familyName.trim()) e.familyName = '请输入家属姓名';
    if (!v.care.familyPhone.trim()) e.familyPhone = '请输入家属手机号';
    else if (isMaskedPhone(v.care.familyPhone) && v.care.familyPhone !== initial.care?.familyPhone) e.familyPhone = '请清空后输入完整的手机号';
  }
  return e;
}

function SettingsForm({ prefs }: { prefs: PreferencesView }) {
  const queryClient = useQueryClient();
  const initial: Values = { channels: prefs.channels, quietStart: prefs.quietStart, quietEnd: prefs.quietEnd, care: prefs.care ? toCareValues(prefs.care) : null };
  const [v, setV] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const change = (patch: Partial<Values>) => {
    setV((cur) => ({ ...cur, ...patch }));
    setErrors({});
    setTopError(null);
  };
  const toggle = (c: 'sms' | 'wechat', on: boolean) => change({ channels: on ? [...new Set([...v.channels, c])] : v.channels.filter((x) => x !== c) });

  const save = useMutation({
    mutationFn: updatePreferences,
    onSuccess: async (p) => {
      queryClient.setQueryData(notifyKeys.preferences, p);
      if (p.care) await queryClient.invalidateQueries({ queryKey: notifyKeys.care(p.care.memberId) });
      Toast.show({ icon: 'success', content: '设置已保存' });
    },
    onError: (err) => {
      const { byField, top } = splitServerErrors(err, ['familyName', 'familyPhone', 'gridWorkerAccountId', 'deliverTo', 'quietStart', 'quietEnd']);
      setErrors(byField);
      setTopError(top);
    },
  });

  const submit = () => {
    const local = localErrors(v, initial);
    if (Object.keys(local).length) {
      setErrors(local);
      setTopError('请按红字提示修改后再保存');
      return;
    }
    const body: UpdatePreferencesInput = {};
    if ([...v.channels].sort().join() !== [...initial.channels].sort().join()) body.channels = v.channels;
    if (v.quietStart !== initial.quietStart) body.quietStart = v.quietStart;
    if (v.quietEnd !== initial.quietEnd) body.quietEnd = v.quietEnd;
    const care = v.care && initial.care ? carePatch(initial.care, v.care) : null;
    if (care) body.care = care;
    if (Object.keys(body).length === 0) {
      Toast.show({ content: '没有需要保存的修改' });
      return;
    }
    save.mutate(body);
  };

  return (
    <div data-testid="mobile-settings">
      {topError && (
        <div className="xfm-section" style={{ paddingBottom: 0 }}>
          <div className="xfm-error" role="alert">
            {topError}
          </div>
        </div>
      )}
      {v.care && initial.care && <MobileCareSection value={v.care} initial={initial.care} onChange={(care) => change({ care })} errors={errors} />}
      <List
        className="xfm-list"
        header={<span style={{ fontSize: 17 }}>免打扰时间</span>}
        mode="card"
      >
        <MobileTimeItem label="开始时间" value={v.quietStart} onChange={(quietStart) => change({ quietStart })} error={errors.quietStart} />
        <MobileTimeItem label="结束时间" value={v.quietEnd} onChange={(quietEnd) => change({ quietEnd })} error={errors.quietEnd} />
      </List>
      <p className="xfm-note" style={{ paddingTop: 0, paddingBottom: 0 }}>
        这段时间内不发短信和微信，等到结束时间再发；这里的消息照常显示。
      </p>
      <List className="xfm-list" header={<span style={{ fontSize: 17 }}>提醒方式</span>} mode="card">
        <List.Item description="重要通知同时发短信" extra={<Switch checked={v.channels.includes('sms')} onChange={(on) => toggle('sms', on)} aria-label="短信提醒" style={{ '--height': '36px', '--width': '60px' }} />}>
          短信提醒
        </List.Item>
        <List.Item description="重要通知同时发微信消息" extra={<Switch checked={v.channels.includes('wechat')} onChange={(on) => toggle('wechat', on)} aria-label="微信提醒" style={{ '--height': '36px', '--width': '60px' }} />}>
          微信提醒
        </List.Item>
      </List>
      <div className="xfm-more" style={{ paddingTop: 16 }}>
        <Button block color="primary" size="large" onClick={submit} loading={save.isPending} style={{ minHeight: 56, fontSize: 20 }}>
          保存设置
        </Button>
      </div>
    </div>
  );
}
