import nock from 'nock';
import { CREDENTIALS } from './contexts';

/** nock scope standing in for the relay the fake credential points at. */
export function relay(): nock.Scope {
  return nock(CREDENTIALS.baseUrl ?? '');
}

export function installNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}
