// The parts of a Chat Completions chunk (and of a non-streamed completion) we read. Every field
// is optional and nullable: compatible servers differ, and unknown fields are ignored.
import * as v from 'valibot';
import { openAiUsageSchema } from './openAiUsage';

const text = v.optional(v.nullable(v.string()));

const choice = v.object({
  index: v.optional(v.nullable(v.number())),
  delta: v.optional(v.nullable(v.object({ content: text }))),
  message: v.optional(v.nullable(v.object({ content: text }))),
  finish_reason: text,
});

export const openAiChunkSchema = v.object({
  choices: v.optional(v.nullable(v.array(choice))),
  usage: v.optional(v.nullable(openAiUsageSchema)),
});

export type OpenAiChunk = v.InferOutput<typeof openAiChunkSchema>;
export type OpenAiChoice = v.InferOutput<typeof choice>;
