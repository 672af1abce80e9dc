import { describe, expect, it } from 'vitest';
import { emailIssue, nameIssue, passwordIssue, roleIssue, selfChangeIssues, usernameIssue } from './user-rules.js';

describe('user input rules', () => {
  it.each(['abc', 'kam_1', 'li.ming', 'a-b', 'A'.repeat(50)])('username %s is fine', (u) => {
    expect(usernameIssue(u)).toBeNull();
  });
  it.each(['ab', 'A'.repeat(51), 'li ming', '李明', 'a@b', ''])('username %j is refused', (u) => {
    expect(usernameIssue(u)?.field).toBe('username');
  });
  it('passwords need 10 to 200 characters', () => {
    expect(passwordIssue('123456789')?.field).toBe('password');
    expect(passwordIssue('1234567890')).toBeNull();
    expect(passwordIssue('x'.repeat(201))?.field).toBe('password');
  });
  it('e-mail, role and names', () => {
    expect(emailIssue(null)).toBeNull();
    expect(emailIssue('li@example.com')).toBeNull();
    expect(emailIssue('li@')?.field).toBe('email');
    expect(roleIssue('kam')).toBeNull();
    expect(roleIssue('boss')?.field).toBe('role');
    expect(nameIssue('displayName', '  ', 100)?.reason).toMatch(/empty/);
    expect(nameIssue('displayName', undefined, 100)).toBeNull();
  });
});

describe('an admin changing their own account', () => {
  it('may not deactivate or demote themselves', () => {
    expect(selfChangeIssues(1, 1, { active: false }).map((i) => i.field)).toEqual(['active']);
    expect(selfChangeIssues(1, 1, { role: 'director' }).map((i) => i.field)).toEqual(['role']);
    expect(selfChangeIssues(1, 1, { role: 'admin', active: true })).toEqual([]);
  });
  it('may do both to someone else', () => {
    expect(selfChangeIssues(1, 2, { active: false, role: 'analyst' })).toEqual([]);
  });
});
