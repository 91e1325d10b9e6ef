/** The districts (区县) of the common list, shared by every plan in the file. */
import { z } from 'zod';
import { district } from '../entities.ts';
import { op } from '../op.ts';

export const districtOps = {
  'districts.list': op(z.object({}).strict(), z.array(district)),
};
