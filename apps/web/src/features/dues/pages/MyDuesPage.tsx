import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { duesKeys, getMyDues } from '../api';
import { DuesHistory } from '../components/mobile/DuesHistory';
import { OnlinePayBox } from '../components/mobile/OnlinePayBox';
import { m } from '../components/mobile/styles';
import { formatFen } from '../money';
import { currentYear, monthText } from '../months';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

/**
 * 我的党费 (H5): 党费交至 in big figures, the monthly amount, what is still owed (gently worded), the
 * prepayment, 线上交纳, and the year's payments and bills.
 */
export function MyDuesPage() {
  const navigate = useNavigate();
  const latest = currentYear();
  const [year, setYear] = useState(latest);
  const q = useQuery({ queryKey: duesKeys.mine(year), queryFn: () => getMyDues(year), retry: false });

  let body: ReactNode;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="党费信息暂时打不开" description={say(errorMessage(q.error))} />;
  } else {
    const d = q.data;
    body = (
      <>
        <div style={m.hero} data-testid="my-paid-until">
          <div style={m.heroLabel}>党费交至</div>
          <div style={m.heroValue}>{d.paidUntil ? monthText(d.paidUntil) : '暂无记录'}</div>
        </div>
        <div style={m.card}>
          <div style={{ ...m.row, ...m.rowFirst }}>
            <span>每月应交</span>
            <span style={m.amount}>{d.currentMonthlyFen === null ? '待支部核定' : formatFen(d.currentMonthlyFen)}</span>
          </div>
          <div style={m.row}>
            <span>预交余额</span>
            <span style={m.amount}>{formatFen(d.creditFen)}</span>
          </div>
          {d.unpaidMonths > 0 && (
            <div style={m.row}>
              <span>未交</span>
              <span style={m.amount}>
                {d.unpaidMonths} 个月 · {formatFen(d.owedFen)}
              </span>
            </div>
          )}
        </div>
        {d.unpaidMonths > 0 && (
          <p style={m.gentle} data-testid="my-owed">
            您有 {d.unpaidMonths} 个月的党费还没有交，共 {formatFen(d.owedFen)}。方便的时候请交纳；如有困难，可以向支部说明情况。
          </p>
        )}
        {year === latest && <OnlinePayBox dues={d} />}
        <div style={m.years} role="group" aria-label="选择年份">
          <button type="button" style={m.yearButton} onClick={() => setYear(year - 1)}>
            ‹ {year - 1}年
          </button>
          <span style={m.year} aria-live="polite">
            {year}年
          </span>
          <button type="button" style={{ ...m.yearButton, visibility: year >= latest ? 'hidden' : 'visible' }} onClick={() => setYear(year + 1)} disabled={year >= latest}>
            {year + 1}年 ›
          </button>
        </div>
        <DuesHistory dues={d} />
        <p className="xfm-note">党费交纳情况如有疑问，请联系所在党支部的书记或组织委员。</p>
      </>
    );
  }

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m')}>
            <LeftOutlined aria-hidden /> 我的档案
          </button>
        }
      >
        我的党费
      </NavBar>
      {body}
    </div>
  );
}
