import { defineInputFields, type InferInputData } from 'zapier-platform-core';
import { connectionField } from '../../fields/connection.js';

/** What every FourthChat instant trigger asks for: the connection whose deliveries it receives. */
export const hookInputFields = defineInputFields([connectionField]);

export type HookInput = InferInputData<typeof hookInputFields>;
