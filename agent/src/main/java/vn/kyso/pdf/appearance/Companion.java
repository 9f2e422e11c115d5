package vn.kyso.pdf.appearance;

/**
 * Text the clerk adds to the page together with the seal: written as locked FreeText annotations in the seal's own
 * revision, so the seal's signature covers them and the page content stays as the official approved it.
 */
public sealed interface Companion permits CompanionText, DocumentNumber, IssueDate {
}
