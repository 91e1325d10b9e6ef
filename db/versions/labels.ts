/** Chinese names of the compared tables and fields, for the CLI's text output and the xlsx export. */

export { TABLE_LABELS, KIND_LABELS } from '../../contract/ops/versions.ts';

export const FIELD_LABELS: Record<string, string> = {
  title: '名称', doc_number: '文号', issuer: '发文机关', issue_date: '发布日期', period_start: '规划期起', period_end: '规划期止',
  source: '来源', max_priority_industries: '优先产业上限', district_id: '区县', priority_industries: '优先发展产业',
  featured_industries: '特色发展产业', note: '备注', name: '名称', category: '类别', unit: '单位', attribute: '属性',
  baseline_year: '基期年', baseline_value: '基期值', baseline_text: '基期原文', target_year: '目标年', target_value: '目标值',
  target_text: '目标原文', stated_growth_text: '年均增长', indicator_id: '指标', scope: '范围', scope_id: '范围对象', year: '年份',
  period: '季度', kind: '类型', value: '数值', text: '原文', number: '编号', section: '章节', description: '任务内容',
  deadline: '完成时限', deadline_text: '时限原文', status: '状态', progress: '进展', quantitative_goal: '量化目标', notes: '备注',
  archived_at: '归档时间', origin_plan_id: '复制自',
  position: '位置',
  lead_departments: '牵头单位', participating_departments: '配合单位', districts: '涉及区县',
};

export const fieldLabel = (f: string): string => FIELD_LABELS[f] ?? f;
