import type { Routes } from '../../engine/router.js';
import { approveButton, approveCommand, rejectButton, rejectCommand } from './approve.js';
import { bind, bindButton, continueBindChoice } from './bind.js';
import { help } from './help.js';
import { join } from './join.js';
import { list, listButton } from './list.js';
import { me } from './me.js';
import { membership } from './membership.js';
import { continueRecord, recordCommand } from './record.js';

/** The foundation's commands: help, binding, joining, the five record kinds, /me and /list. */
export const coreRoutes: Partial<Routes> = {
  commands: {
    help,
    bind,
    join,
    approve: approveCommand,
    reject: rejectCommand,
    suggest: recordCommand('suggestion'),
    deed: recordCommand('deed'),
    visit: recordCommand('visit'),
    problem: recordCommand('problem'),
    rule: recordCommand('rule'),
    me,
    list,
  },
  buttons: { bind: bindButton, approve: approveButton, reject: rejectButton, list: listButton },
  conversations: { record: continueRecord, 'bind-choice': continueBindChoice },
  membership,
};
