/**
 * The seed files a fresh plan file is built from, imported statically so that every build
 * (CLI, web host, the bundled Electron main process) carries them. Order = order in the plan list.
 */
import type { SeedBundle } from './load.ts';
import common from '../../seeds/common.json' with { type: 'json' };
import leaders from '../../seeds/leaders.json' with { type: 'json' };
import yufu202313 from '../../seeds/plans/yufu-2023-13.json' with { type: 'json' };
import yufuban20233 from '../../seeds/plans/yufuban-2023-3.json' with { type: 'json' };
import yufufa202118 from '../../seeds/plans/yufufa-2021-18.json' with { type: 'json' };
import yukuaima from '../../seeds/plans/yukuaima.json' with { type: 'json' };
import fuwuye from '../../seeds/plans/fuwuye-kaifang.json' with { type: 'json' };
import yufufa20238 from '../../seeds/plans/yufufa-2023-8.json' with { type: 'json' };
import yufubanfa202326 from '../../seeds/plans/yufubanfa-2023-26.json' with { type: 'json' };
import yufubanfa202179 from '../../seeds/plans/yufubanfa-2021-79.json' with { type: 'json' };
import yufubanfa202357 from '../../seeds/plans/yufubanfa-2023-57.json' with { type: 'json' };
import yufubanfa202324 from '../../seeds/plans/yufubanfa-2023-24.json' with { type: 'json' };
import yufubanfa202338 from '../../seeds/plans/yufubanfa-2023-38.json' with { type: 'json' };
import yufubanfa202337 from '../../seeds/plans/yufubanfa-2023-37.json' with { type: 'json' };

export const seedBundle: SeedBundle = {
  common,
  leaders,
  plans: [
    { file: 'yufu-2023-13.json', data: yufu202313 },
    { file: 'yufuban-2023-3.json', data: yufuban20233 },
    { file: 'yufufa-2021-18.json', data: yufufa202118 },
    { file: 'yukuaima.json', data: yukuaima },
    { file: 'fuwuye-kaifang.json', data: fuwuye },
    { file: 'yufufa-2023-8.json', data: yufufa20238 },
    { file: 'yufubanfa-2023-26.json', data: yufubanfa202326 },
    { file: 'yufubanfa-2021-79.json', data: yufubanfa202179 },
    { file: 'yufubanfa-2023-57.json', data: yufubanfa202357 },
    { file: 'yufubanfa-2023-24.json', data: yufubanfa202324 },
    { file: 'yufubanfa-2023-38.json', data: yufubanfa202338 },
    { file: 'yufubanfa-2023-37.json', data: yufubanfa202337 },
  ],
};
