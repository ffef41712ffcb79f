export interface Workspace {
  id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  workspaceId: string;
  /** sha256 of the key; the key itself is shown once and never stored. */
  hash: string;
  /** The first characters, so a person can tell keys apart. */
  prefix: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who an API key belongs to: what a request is authenticated as. */
export interface KeyOwner {
  workspaceId: string;
  apiKeyId: string;
}
