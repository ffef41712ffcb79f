import { defineInputFields, type InferInputData } from 'zapier-platform-core';
import { connectionField } from '../../fields/connection.js';

export const newResponseInputFields = defineInputFields([connectionField]);

export type NewResponseInput = InferInputData<typeof newResponseInputFields>;
