import { describe, expect, it } from 'vitest';
import {
  edgewizRequestCommand,
  quotePosix,
  quotePowerShell,
  requestCommands,
  requestCsCertificateCommand,
} from '../../shared/certificates/commands';
import { profile } from '../support/certificates';

describe('PowerShell quoting', () => {
  it('escapes ", $ and the backtick with a backtick inside double quotes', () => {
    expect(quotePowerShell('Contoso')).toBe('"Contoso"');
    expect(quotePowerShell('Say "hi"')).toBe('"Say `"hi`""');
    expect(quotePowerShell('$env:USERNAME')).toBe('"`$env:USERNAME"');
    expect(quotePowerShell('a`b')).toBe('"a``b"');
    expect(quotePowerShell('`$"')).toBe('"```$`""');
    expect(quotePowerShell("O'Brien & Co")).toBe('"O\'Brien & Co"');
    expect(quotePowerShell('콘토소 주식회사')).toBe('"콘토소 주식회사"');
  });

  it('also escapes the typographic double quotes PowerShell treats as quotes', () => {
    expect(quotePowerShell('“Edge”')).toBe('"`“Edge`”"');
    expect(quotePowerShell('„x“')).toBe('"`„x`“"');
  });

  it('leaves plain POSIX words bare and single-quotes the rest', () => {
    expect(quotePosix('/tmp/cert.req')).toBe('/tmp/cert.req');
    expect(quotePosix('/tmp/my cert.req')).toBe("'/tmp/my cert.req'");
    expect(quotePosix("it's")).toBe("'it'\\''s'");
    expect(quotePosix('$HOME')).toBe("'$HOME'");
    expect(quotePosix('')).toBe("''");
  });
});

describe('equivalent command lines', () => {
  it('writes the Request-CsCertificate line for the external edge', () => {
    const p = profile({
      request: { friendlyName: 'Edge "external" $2026', organizationalUnit: 'IT', template: 'WebServer', keySize: 4096, exportable: false },
    });
    expect(requestCsCertificateCommand(p, 'C:\\Users\\admin\\Documents\\cert_external_edge.req')).toBe(
      'Request-CsCertificate -New -Type AccessEdgeExternal -Output "C:\\Users\\admin\\Documents\\cert_external_edge.req" -KeySize 4096 ' +
        '-PrivateKeyExportable $False -FriendlyName "Edge `"external`" `$2026" -Organization "Contoso Ltd" -OU "IT" -Country US ' +
        '-State "Washington" -City "Redmond" -DomainName "sip.contoso.com,webcon.contoso.com,sip.fabrikam.com,contoso.com" ' +
        '-ClientEku $False -Template "WebServer"',
    );
  });

  it('writes EdgeInternal, leaves out empty fields and the template when there is none', () => {
    const p = profile({ request: { certificateType: 'edgeInternal', organization: '', state: '', clientEku: true } });
    const line = requestCsCertificateCommand(p, '/home/admin/Documents/cert_internal_edge.req');
    expect(line).toBe(
      'Request-CsCertificate -New -Type EdgeInternal -Output "/home/admin/Documents/cert_internal_edge.req" -KeySize 2048 ' +
        '-PrivateKeyExportable $True -FriendlyName "Edge external" -Country US -City "Redmond" -DomainName "edge-int.contoso.local" -ClientEku $True',
    );
    expect(line).not.toContain('-Template');
    expect(line).not.toContain('-Organization');
  });

  it('writes the edgewiz line for the shell it will be pasted into', () => {
    expect(edgewizRequestCommand({ profilePath: 'edge.json', out: '/tmp/cert.req' })).toBe(
      'edgewiz certificates request --profile edge.json --out /tmp/cert.req',
    );
    expect(edgewizRequestCommand({ profilePath: 'my edge.json', out: '/tmp/a b.req', force: true })).toBe(
      "edgewiz certificates request --profile 'my edge.json' --out '/tmp/a b.req' --force",
    );
    expect(edgewizRequestCommand({ profilePath: 'edge.json', out: 'C:\\Users\\$me\\cert.req', shell: 'powershell' })).toBe(
      'edgewiz certificates request --profile "edge.json" --out "C:\\Users\\`$me\\cert.req"',
    );
    const both = requestCommands(profile(), { profilePath: 'p.json', out: '/tmp/x.req' });
    expect(Object.keys(both)).toEqual(['edgewiz', 'powershell']);
  });
});
