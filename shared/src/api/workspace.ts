/** `GET /api/me`: the workspace an API key opens; the credential test of n8n and Zapier. */
export interface Workspace {
  workspaceId: string;
  name: string;
}
