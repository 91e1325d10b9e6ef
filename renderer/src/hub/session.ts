import type { z } from 'zod';
import type { HUB_ROLES, hubSession } from '../../../contract/hub.ts';

export type HubSessionValue = z.infer<typeof hubSession>;
export type HubRole = (typeof HUB_ROLES)[number];
