/** The rollups are shared with the renderer: they live in domain/rollups.ts (no Node, no DOM). */
export * from '../../domain/rollups.ts';
