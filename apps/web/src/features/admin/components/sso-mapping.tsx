import {
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { roleLabels } from '@/lib/authorization';
import { useSsoSettings } from '../api/get-sso-settings';

/** How single sign-on gives roles: the provider's groups and the role each maps to. Nothing when it is off. */
export function SsoMapping() {
  const settings = useSsoSettings();
  const sso = settings.data?.singleSignOn;
  if (!sso) return null;
  return (
    <Card variant="outlined" component="section" aria-labelledby="sso-mapping-title">
      <CardContent>
        <Typography id="sso-mapping-title" variant="h6" component="h2">
          Single sign-on with {sso.providerName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Roles follow the groups in the <code>{sso.rolesClaim}</code> claim at every sign-in ({sso.issuer}).
          {settings.data?.localLogin ? '' : ' Password sign-in is off.'}
        </Typography>
        <Table size="small" aria-label="Groups and roles">
          <TableHead>
            <TableRow>
              <TableCell>Group at the provider</TableCell>
              <TableCell>Role in the desk</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sso.roleMap.map((entry) => (
              <TableRow key={`${entry.group}:${entry.role}`}>
                <TableCell>
                  <bdi dir="auto">{entry.group}</bdi>
                </TableCell>
                <TableCell>{roleLabels[entry.role]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
