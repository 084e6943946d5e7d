module github.com/idcheck/idcheck

go 1.26.8
