// Deploys one function folder with @cloudbase/manager-node: createFunction with force creates it,
// or updates its code, configuration and triggers when it exists, and binds the HTTP access path.
// Chosen over the CloudBase CLI because it is already a devDependency, needs no global install or
// `tcb login`, and shares credentials and envId with `npm run setup`.
import type { CloudBaseManager } from '../cloud-credentials';
import type { DeployableFunction } from './catalog';
import { FUNCTION_RUNTIME } from './format';

export async function deployFunction(
  manager: CloudBaseManager,
  functionsRoot: string,
  fn: DeployableFunction,
): Promise<void> {
  await manager.functions.createFunction({
    func: {
      name: fn.name,
      timeout: fn.timeout,
      runtime: FUNCTION_RUNTIME,
      installDependency: true,
      triggers: fn.triggers,
      ...(fn.httpPath ? { path: fn.httpPath } : {}),
    },
    functionRootPath: functionsRoot,
    force: true,
  });
}
