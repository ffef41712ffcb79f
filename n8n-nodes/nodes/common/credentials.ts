/** The credential type both nodes authenticate with (credentials/FourthChatApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'fourthChatApi';

export interface FourthChatCredentials {
  baseUrl: string;
  apiKey: string;
}
