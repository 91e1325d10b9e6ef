/** Task and district findings: deadlines outside the plan period or before the issue date, tasks without a lead department, too many priority industries. */
import type { Finding } from '../../contract/ops/checks.ts';
import type { PlanData } from './data.ts';
import { districtFocus, taskFocus } from './format.ts';
import { STEP_ROWS, type Steps } from './steps.ts';

const taskName = (t: { number: string; title: string }) => `${t.number ? `${t.number} ` : ''}${t.title.length > 40 ? `${t.title.slice(0, 40)}…` : t.title}`;

export function* taskFindings(d: PlanData): Steps<Finding[]> {
  const findings: Finding[] = [];
  const p = d.plan;
  const issueMonth = p.issue_date ? p.issue_date.slice(0, 7) : null;
  let n = 0;
  for (const t of d.tasks) {
    if (++n % STEP_ROWS === 0) yield;
    if (t.deadline) {
      const year = Number(t.deadline.slice(0, 4));
      const cell = {
        planId: p.id, area: 'task' as const, focus: taskFocus(t.id, 'deadline'), label: `任务“${taskName(t)}”完成时限 ${t.deadline_text ?? t.deadline}`, value: null, text: t.deadline_text,
        labelCode: 'taskDeadline', labelParams: { task: taskName(t), deadline: t.deadline_text ?? t.deadline },
      };
      if (year < p.period_start || year > p.period_end) {
        findings.push({
          id: `deadline:period:${t.id}`, kind: 'deadline', severity: 'warning', planId: p.id,
          title: `任务完成时限超出规划期`,
          code: 'deadline.period',
          params: { plan: d.planLabel, task: taskName(t), deadline: t.deadline, deadlineText: t.deadline_text ?? '', start: p.period_start, end: p.period_end },
          message: `${d.planLabel} 任务“${taskName(t)}”的完成时限 ${t.deadline}${t.deadline_text ? `（原文“${t.deadline_text}”）` : ''}不在规划期 ${p.period_start}—${p.period_end}年内。`,
          cells: [cell],
          numbers: [
            { label: '完成时限', value: t.deadline, unit: null, labelCode: 'deadline', unitCode: null },
            { label: '规划期', value: `${p.period_start}—${p.period_end}`, unit: '年', labelCode: 'period', unitCode: 'year' },
          ],
          difference: {
            label: year > p.period_end ? '晚于规划期末' : '早于规划期初', value: String(year > p.period_end ? year - p.period_end : p.period_start - year), unit: '年',
            labelCode: year > p.period_end ? 'afterEnd' : 'beforeStart', unitCode: 'years',
          },
        });
      } else if (issueMonth && t.deadline < issueMonth) {
        findings.push({
          id: `deadline:issue:${t.id}`, kind: 'deadline', severity: 'warning', planId: p.id,
          title: `任务完成时限早于规划发布日期`,
          code: 'deadline.issue',
          params: { plan: d.planLabel, task: taskName(t), deadline: t.deadline, issueDate: p.issue_date ?? '' },
          message: `${d.planLabel} 任务“${taskName(t)}”的完成时限 ${t.deadline} 早于规划发布日期 ${p.issue_date}。`,
          cells: [cell],
          numbers: [
            { label: '完成时限', value: t.deadline, unit: null, labelCode: 'deadline', unitCode: null },
            { label: '发布日期', value: p.issue_date ?? '', unit: null, labelCode: 'issueDate', unitCode: null },
          ],
          difference: null,
        });
      }
    }
    if (t.lead_count === 0) {
      findings.push({
        id: `lead:${t.id}`, kind: 'lead', severity: 'warning', planId: p.id,
        title: '任务没有牵头单位',
        code: 'lead',
        params: { plan: d.planLabel, task: taskName(t) },
        message: `${d.planLabel} 任务“${taskName(t)}”没有牵头单位。`,
        cells: [{ planId: p.id, area: 'task', focus: taskFocus(t.id, 'leadDepartments'), label: `任务“${taskName(t)}”牵头单位`, value: null, text: null, labelCode: 'taskLead', labelParams: { task: taskName(t) } }],
        numbers: [], difference: null,
      });
    }
  }
  const max = p.max_priority_industries;
  if (max !== null) {
    for (const pd of d.planDistricts) {
      let list: unknown;
      try {
        list = JSON.parse(pd.priority_industries);
      } catch {
        list = [];
      }
      const items = Array.isArray(list) ? list.map(String) : [];
      if (items.length <= max) continue;
      findings.push({
        id: `priority:${p.id}:${pd.district_id}`, kind: 'priority', severity: 'error', planId: p.id,
        title: `${pd.name}的优先发展产业超过规定数量`,
        code: 'priority',
        params: { plan: d.planLabel, district: pd.name, max, count: items.length, items: items.join('、') },
        message: `${d.planLabel} 规定每区确立不超过 ${max} 个主导产业，${pd.name}列出 ${items.length} 个：${items.join('、')}。`,
        cells: [
          {
            planId: p.id, area: 'district', focus: districtFocus(pd.district_id, 'priorityIndustries'), label: `${pd.name} 优先发展产业`, value: String(items.length), text: items.join('、'),
            labelCode: 'priority', labelParams: { district: pd.name },
          },
        ],
        numbers: [
          { label: '列出', value: String(items.length), unit: '个', labelCode: 'listed', unitCode: 'items' },
          { label: '上限', value: String(max), unit: '个', labelCode: 'limit', unitCode: 'items' },
        ],
        difference: { label: '超出', value: String(items.length - max), unit: '个', labelCode: 'over', unitCode: 'items' },
      });
    }
  }
  return findings;
}
