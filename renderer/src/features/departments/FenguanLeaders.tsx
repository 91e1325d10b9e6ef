/** 分管市领导 of one department: “陈鸣波（常务副市长）”, the 市长's 主管 said as such; “—” when the 分工 names none. */
import { t } from '../../i18n/index.ts';
import './leaders.css';
import type { DepartmentLeader } from './leaders.ts';

export function FenguanLeaders({ leaders }: { leaders: readonly DepartmentLeader[] | undefined }) {
  if (!leaders?.length) return <span className="muted" data-testid="fenguan-leader">{t('ldr.noneShort')}</span>;
  return (
    <span data-testid="fenguan-leader" title={leaders.map((l) => t('ldr.tooltip', { verb: l.verb, text: l.text })).join('\n')}>
      {leaders.map((l, i) => (
        <span key={l.leaderId}>
          {i > 0 && t('ldr.sep')}
          {l.verb === '分管' ? t('ldr.leader', { name: l.name, title: l.title }) : t('ldr.leaderVerb', { name: l.name, title: l.title, verb: l.verb })}
        </span>
      ))}
    </span>
  );
}
