export { LeadersPanel } from './LeadersPanel.tsx';
export { FenguanLeaders } from './FenguanLeaders.tsx';
export { useLeaders } from './useLeaders.ts';
