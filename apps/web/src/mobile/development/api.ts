import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { MeView } from '@xianfeng/contracts/account/account.schemas';
import type {
  ApplicantCaseView,
  applicantApplyBody,
  CaseNotesView,
  createNoteBody,
  MenteeView,
  MyCaseView,
  NoteView,
  registerApplicantBody,
} from '@xianfeng/contracts/development/development.h5.schemas';
import { http } from '@/lib/http';
import type { DirectoryEntry } from '@/features/org/api';

export type { ApplicantCaseView, CaseNotesView, MenteeView, MyCaseView, NoteView };
export type RegisterInput = z.input<typeof registerApplicantBody>;
export type ApplyInput = z.input<typeof applicantApplyBody>;
export type NoteInput = z.input<typeof createNoteBody>;

/** Applicant registration: answers the logged-in account (the server sets the session cookie). */
export const registerApplicant = (input: RegisterInput) => http.post<MeView>('/api/development/register', input, { skipAuthRedirect: true });
export const searchBranches = (q: string) => http.get<DirectoryEntry[]>('/api/development/branches', { q });
export const applyForMembership = (input: ApplyInput) => http.post<MyCaseView>('/api/development/apply', input);
export const getMyCase = () => http.get<MyCaseView>('/api/development/my-case');
export const listMentees = () => http.get<MenteeView[]>('/api/development/mentoring');
export const getCaseNotes = (caseId: string) => http.get<CaseNotesView>(`/api/development/cases/${caseId}/notes`);
export const addCaseNote = (caseId: string, input: NoteInput) => http.post<NoteView>(`/api/development/cases/${caseId}/notes`, input);

export const devH5Keys = {
  myCase: ['development-h5', 'my-case'] as const,
  branches: (q: string) => ['development-h5', 'branches', q] as const,
  mentees: ['development-h5', 'mentees'] as const,
  notes: (caseId: string) => ['development-h5', 'notes', caseId] as const,
};

export function useMyCase(enabled = true) {
  return useQuery({ queryKey: devH5Keys.myCase, queryFn: getMyCase, enabled });
}

export function useMentees(enabled = true) {
  return useQuery({ queryKey: devH5Keys.mentees, queryFn: listMentees, enabled, retry: false });
}

export function useCaseNotes(caseId: string) {
  return useQuery({ queryKey: devH5Keys.notes(caseId), queryFn: () => getCaseNotes(caseId), enabled: !!caseId, retry: false });
}

/**
 * The ID number typed at registration or login, kept in memory only (never in storage: phones are shared), so the
 * application form need not ask for it again in the same visit. The server keeps only a keyed hash of it until
 * the application, and checks that the one sent with the application is the registered one.
 */
let typedIdNumber: string | null = null;
let typedPhone: string | null = null;
export const rememberIdNumber = (id: string | null, phone: string | null = null) => {
  typedIdNumber = id ? id.trim().toUpperCase() : null;
  typedPhone = phone ? phone.trim() : null;
};
export const rememberedIdNumber = () => typedIdNumber;
/** The phone given at registration in this visit (the account keeps only its blind index). */
export const rememberedPhone = () => typedPhone;
