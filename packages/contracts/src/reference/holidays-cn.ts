import data from './holidays-cn.json' with { type: 'json' };

/**
 * One year of the official holiday arrangement (国务院办公厅《关于 YYYY 年部分节假日安排的通知》): the days off
 * (weekends inside a holiday block included) and the make-up working days (调休上班, always a Saturday or Sunday).
 */
export interface HolidayYearData {
  holidays: readonly string[];
  workdays: readonly string[];
  /** The notice's title, document number (国办发明电〔…〕…) and date. */
  source: string;
}

/**
 * The Chinese holiday calendar as shipped: only years whose notice was checked (regulations digest §10: a
 * missing year is warned about, never guessed). Add a year when the 国务院办公厅 publishes it (usually in
 * November for the next year); the server builds its working-day calendar from this one place.
 */
export const holidaysCn: Readonly<Record<string, HolidayYearData>> = data;
