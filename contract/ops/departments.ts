/** The departments (部门) of the common list that lead or take part in tasks, with the other names documents use for them. */
import { z } from 'zod';
import { department } from '../entities.ts';
import { op } from '../op.ts';

export const departmentOps = {
  'departments.list': op(z.object({}).strict(), z.array(department)),
};
