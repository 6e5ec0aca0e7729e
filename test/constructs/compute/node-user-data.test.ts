import { ComputeError } from '../../../constructs/compute/compute-error';
import { USER_DATA_BOUNDARY, base64UserData, mimeUserData } from '../../../constructs/compute/node-user-data';

describe('mimeUserData', () => {
  test('one part: MIME header, the part with its content type, the closing boundary', () => {
    expect(mimeUserData([{ contentType: 'text/x-shellscript', content: '#!/bin/bash\necho hi\n' }])).toBe(
      [
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`,
        '',
        `--${USER_DATA_BOUNDARY}`,
        'Content-Type: text/x-shellscript; charset="us-ascii"',
        '',
        '#!/bin/bash\necho hi',
        '',
        `--${USER_DATA_BOUNDARY}--`,
        '',
      ].join('\n'),
    );
  });

  test('throws when there is no part, or a part contains the boundary', () => {
    expect(() => mimeUserData([])).toThrow(ComputeError);
    expect(() => mimeUserData([])).toThrow(/parts is empty/);
    expect(() => mimeUserData([{ contentType: 'text/x-shellscript', content: `echo ${USER_DATA_BOUNDARY}` }])).toThrow(/contains the MIME boundary/);
  });

  test('base64 round-trips', () => {
    expect(Buffer.from(base64UserData('MIME-Version: 1.0\n'), 'base64').toString('utf8')).toBe('MIME-Version: 1.0\n');
  });
});
