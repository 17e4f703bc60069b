import { describe, expect, it } from 'vitest';
import { directoryContradicts, directoryMatch, nationalMobile } from '../../src/domain/identity/claims.js';
import { cleanName, cleanText } from '../../src/domain/normalise.js';

describe('text cleaning', () => {
  it('removes zero-width, bidi and control characters and keeps line breaks', () => {
    expect(cleanText('修\u200b路\u202e，\u0007铺桥\r\n第二行\t完')).toBe('修路，铺桥\n第二行\t完');
  });

  it('takes the NFKC form of letters and digits but keeps Chinese punctuation', () => {
    expect(cleanText('ＡＢＣ１２３：还有……（备注）')).toBe('ABC123：还有……（备注）');
  });

  it('names lose every space and invisible character', () => {
    expect(cleanName(' 张\u200b 卫\u2060东\ufeff ')).toBe('张卫东');
    expect(cleanName('张\u3000卫东')).toBe('张卫东');
  });
});

describe('directory matching', () => {
  it('reads mobiles in the forms directories and rosters use', () => {
    expect(nationalMobile('+86 139-0877-2468')).toBe('13908772468');
    expect(nationalMobile('+8613908772468')).toBe('13908772468');
    expect(nationalMobile('008613908772468')).toBe('13908772468');
    expect(nationalMobile('')).toBeNull();
  });

  it('prefers the employee number, then the mobile; a different mobile contradicts', () => {
    expect(directoryMatch({ mobile: '+8613900000000', employeeNo: 'E7' }, { phone: '13908772468', employeeNo: 'E7' })).toBe('directory_employee_no');
    expect(directoryMatch({ mobile: '+8613908772468', employeeNo: null }, { phone: '13908772468', employeeNo: null })).toBe('directory_mobile');
    expect(directoryMatch({ mobile: null, employeeNo: 'E8' }, { phone: '13908772468', employeeNo: 'E7' })).toBeNull();
    expect(directoryContradicts({ mobile: '+8613900000000', employeeNo: null }, { phone: '13908772468', employeeNo: null })).toBe(true);
    expect(directoryContradicts(null, { phone: '13908772468', employeeNo: null })).toBe(false);
  });
});
