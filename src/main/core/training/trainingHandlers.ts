import type { Handlers } from '../../../shared/contract';
import type { TrainingService } from './trainingService';

type TrainingMethod = Extract<keyof Handlers, `training.${string}`>;

export function trainingHandlers(t: TrainingService): Pick<Handlers, TrainingMethod> {
  return {
    'training.courses': async () => ({ items: t.courses() }),
    'training.createCourse': ({ title, description }) => t.createCourse(title, description),
    'training.deleteCourse': async ({ id }) => ({ deleted: await t.deleteCourse(id) }),
    'training.addTopic': (input) => t.addTopic(input),
    'training.updateTopic': ({ topicId, ...patch }) => t.updateTopic(topicId, patch),
    'training.removeTopic': async ({ topicId }) => ({ removed: await t.removeTopic(topicId) }),
    // A signed-in technician trains as themself; admins (and open mode, the CLI) may name anyone.
    'training.start': ({ topicId, technician }, ctx) => t.start(topicId, ctx.profile && !ctx.admin && ctx.transport !== 'local' ? ctx.profile.name : technician),
    'training.answer': ({ attemptId, answer }) => t.answer(attemptId, answer),
    'training.attempt': async ({ id }) => t.attempt(id),
    'training.attempts': async (input) => ({ items: t.attempts(input ?? {}) }),
    'training.progress': async (input) => ({ items: t.progress(input ?? {}) }),
    'training.exportProgress': ({ technician, format }) => t.exportProgress(technician, format)
  };
}
