import {
  ICredentialsHelper,
  isExpression,
  type ICredentialDataDecryptedObject,
  type ICredentials,
  type IHttpRequestOptions,
  type INode,
  type INodeProperties,
  type Workflow,
} from 'n8n-workflow';
import { FourthChatApi } from '../../../n8n-nodes/credentials/FourthChatApi.credentials';

export interface CredentialData extends ICredentialDataDecryptedObject {
  baseUrl: string;
  apiKey: string;
}

const credentialType = new FourthChatApi();

/**
 * n8n's credentials store for the tests: one FourthChat API credential, decrypted. `authenticate`
 * applies the credential's declarative `authenticate` the way n8n's own CredentialsHelper does,
 * resolving each `={{$credentials.…}}` with the workflow's expression engine.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
  constructor(private readonly data: () => CredentialData) {
    super();
  }

  getParentTypes(): string[] {
    return [];
  }

  isCredentialUsableByNode(): boolean {
    return true;
  }

  authenticate(
    credentials: ICredentialDataDecryptedObject,
    typeName: string,
    requestOptions: IHttpRequestOptions,
    workflow?: Workflow,
    node?: INode,
  ): Promise<IHttpRequestOptions> {
    if (typeName !== credentialType.name || workflow === undefined || node === undefined) {
      return Promise.reject(new Error(`Cannot authenticate ${typeName} here`));
    }
    const resolve = (value: string): string => {
      if (!isExpression(value)) return value;
      const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
        $credentials: credentials,
      });
      return typeof resolved === 'string' ? resolved : String(resolved ?? '');
    };
    const headers = { ...requestOptions.headers };
    for (const [name, value] of Object.entries(
      credentialType.authenticate.properties.headers ?? {},
    )) {
      headers[resolve(name)] = resolve(String(value));
    }
    return Promise.resolve({ ...requestOptions, headers });
  }

  preAuthentication(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  runPreAuthentication(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  getCredentials(): Promise<ICredentials> {
    return Promise.reject(new Error('The tests read credentials decrypted only'));
  }

  getDecrypted(
    _additionalData: unknown,
    _nodeCredentials: unknown,
    type: string,
  ): Promise<ICredentialDataDecryptedObject> {
    if (type !== credentialType.name) {
      return Promise.reject(new Error(`Unexpected credential type ${type}`));
    }
    return Promise.resolve({ ...this.data() });
  }

  updateCredentials(): Promise<void> {
    return Promise.resolve();
  }

  updateCredentialsOauthTokenData(): Promise<void> {
    return Promise.resolve();
  }

  getCredentialsProperties(): INodeProperties[] {
    return credentialType.properties;
  }
}
