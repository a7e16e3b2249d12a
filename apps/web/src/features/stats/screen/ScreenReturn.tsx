import { Navigate, useSearchParams } from 'react-router';
import { screenPath } from '../paths';

/**
 * /admin/screen?orgId= — where the login page returns to after a 401 on the big screen (it returns only
 * inside /admin); passes on to /screen with the same org. Tiny and static: the screen itself loads lazily.
 */
export function ScreenReturn() {
  const [params] = useSearchParams();
  return <Navigate to={screenPath(params.get('orgId'))} replace />;
}
