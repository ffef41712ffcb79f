import { afterAll, afterEach } from '@jest/globals';
import nock from 'nock';

/**
 * nock for one test file, with no real network. nock's interceptor is process-wide while jest
 * loads a fresh nock into every test file, so each file must dispose of its own at the end, or the
 * next file's requests would reach the previous file's (empty) interceptor list.
 */
export function useNock(): typeof nock {
  nock.disableNetConnect();
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
  return nock;
}
