;; mktplan in Emacs with eglot: built in from Emacs 29; for Emacs 28, install
;; it (Debian: apt install elpa-eglot).  The mode is yaml-mode's (Debian:
;; apt install elpa-yaml-mode).
(require 'eglot)
(require 'yaml-mode)
(define-derived-mode mktplan-mode yaml-mode "mktplan"
  "Major mode for mktplan marketing plans (*.mktplan.yaml).")
(add-to-list 'auto-mode-alist '("\\.mktplan\\.ya?ml\\'" . mktplan-mode))
(add-to-list 'eglot-server-programs '(mktplan-mode . ("mktplan-language-server" "--stdio")))
(add-hook 'mktplan-mode-hook #'eglot-ensure)
