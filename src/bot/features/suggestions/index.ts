import { createList } from '../core/list.js';
import { continueRecordWith, recordCommand } from '../core/record.js';
import type { Feature } from '../../engine/feature.js';
import { answerByReply, answerCommand, askCommand } from './ask.js';
import { createRecordExtension, DRAFT_CONVERSATION } from './record-extension.js';
import { forwardCommand } from './forward.js';
import { threeLists } from './lists.js';
import { reviewButton, reviewCommand } from './review.js';
import { createSubmitAnyway, secondButton, secondCommand } from './second.js';
import { unitCommand } from './unit.js';

/**
 * The suggestion workflow and the three lists: review, seconding, similar-suggestion hints and
 * category tags at submission, links from deeds and rules, forwarding, and questions to the
 * stations. Owns the record commands but /visit (core's), their follow-up conversation and /list.
 */
export function suggestionsFeature(): Feature {
  const extension = createRecordExtension({ checkSimilar: true });
  const anyway = createSubmitAnyway(createRecordExtension({ checkSimilar: false }));
  const { list, listButton } = createList(threeLists);
  return {
    name: 'suggestions',
    routes: {
      commands: {
        suggest: recordCommand('suggestion', extension),
        deed: recordCommand('deed', extension),
        problem: recordCommand('problem', extension),
        rule: recordCommand('rule', extension),
        list,
        review: reviewCommand,
        second: secondCommand,
        forward: forwardCommand,
        ask: askCommand,
        answer: answerCommand,
      unit: unitCommand,
      },
      buttons: { review: reviewButton, second: secondButton, 'suggest-anyway': anyway.button, list: listButton },
      conversations: { record: continueRecordWith(extension), [DRAFT_CONVERSATION]: anyway.conversation },
      reply: answerByReply,
    },
  };
}
